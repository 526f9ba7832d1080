package io.theeye.query.rest;

import io.theeye.service.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Two admins changing the same thing at once: the database's unique keys let one win, and the
 * other is answered 409 (retry it) rather than 500.
 */
public class ConflictExceptionMapper {

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        return ProblemException.conflict("changed by another request at the same time; read it again and retry")
                .response();
    }
}
