package io.theeye.service.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.theeye.contract.Problem;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error a service answers is problem+json with a reason; none shows a stack trace or an
 * exception type. Unexpected failures are logged with an id the answer repeats.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.response();
    }

    /** Bean Validation of a request's parameters or body: each field named with its rule. */
    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e) {
        return ProblemException.invalidParameters(e.getConstraintViolations().stream()
                        .map(violation -> lastName(violation.getPropertyPath()) + ": " + violation.getMessage())
                        .sorted()
                        .collect(Collectors.joining("; ")))
                .response();
    }

    /**
     * JSON of the wrong shape for a body record: answered here, not by Quarkus' own mapper, so it
     * is problem+json and names no Java type.
     */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    /** A body that is not JSON, or not of the expected shape. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ProblemException.invalidParameter(
                            unknown.getPropertyName(),
                            "unknown field; allowed: "
                                    + unknown.getKnownPropertyIds().stream()
                                            .map(String::valueOf)
                                            .sorted()
                                            .collect(Collectors.joining(", ")))
                    .response();
        }
        if (e instanceof MismatchedInputException mismatched) {
            String field = mismatched.getPath().stream()
                    .map(JsonMappingException.Reference::getFieldName)
                    .filter(Objects::nonNull)
                    .collect(Collectors.joining("."));
            return (field.isEmpty()
                            ? ProblemException.malformed("the body must be a JSON object")
                            : ProblemException.invalidParameter(field, "has the wrong JSON type"))
                    .response();
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String reason = e.getOriginalMessage();
        int newline = reason == null ? -1 : reason.indexOf('\n');
        String detail = "invalid JSON" + where + ": " + (newline > 0 ? reason.substring(0, newline) : reason);
        return respond(Problem.of(400, "malformed", "Malformed request body", detail));
    }

    /** No token, an expired one, or one whose signature does not verify. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "unauthorized", "Unauthorized", "send a valid bearer token"))
                .build();
    }

    /** A valid token without the role this endpoint needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "this needs a role the token does not carry"));
    }

    /** 404, 405, 406, 415 and the like, raised by the framework before our code runs. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // Quarkus REST wraps a body that Jackson could not read in a 400.
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = switch (status) {
            case 415 -> "send the body as application/json";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            default -> title;
        };
        return respond(Problem.of(status, title.toLowerCase(Locale.ROOT).replace(' ', '_'), title, detail));
    }

    /** Anything else is our fault: say so without details, and log it with an id to find it. */
    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s", id);
        return respond(
                Problem.of(500, "internal", "Internal error", "an unexpected error occurred (reference " + id + ")"));
    }

    private static String lastName(Path path) {
        String name = "";
        for (Path.Node node : path) {
            name = node.getName() == null ? name : node.getName();
        }
        return name;
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
