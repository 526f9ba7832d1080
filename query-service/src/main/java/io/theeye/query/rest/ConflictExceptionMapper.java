package io.theeye.query.rest;

import io.theeye.contract.Problem;
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
        return conflict();
    }

    private static Response conflict() {
        Problem problem = Problem.of(
                409, "conflict", "Conflict", "changed by another request at the same time; read it again and retry");
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
