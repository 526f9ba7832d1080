package io.theeye.service.problem;

import io.theeye.contract.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** A request the service answers with a problem+json body instead of its normal answer. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** When set, the answer carries a Retry-After header. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The answer: the problem as {@code application/problem+json}, with Retry-After when set. */
    public Response response() {
        Response.ResponseBuilder response =
                Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, retryAfter.toSeconds()));
        }
        return response.build();
    }

    public static ProblemException malformed(String detail) {
        return new ProblemException(Problem.of(400, "malformed", "Malformed request body", detail));
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(413, "too_large", "Request too large", detail));
    }

    /** A request parameter or body field that breaks a rule: names it and the rule. */
    public static ProblemException invalidParameter(String parameter, String rule) {
        return invalidParameters(parameter + ": " + rule);
    }

    /** Several parameters or fields that break their rules, each named with its rule in the detail. */
    public static ProblemException invalidParameters(String detail) {
        return new ProblemException(Problem.of(400, "invalid_parameter", "Invalid parameter", detail));
    }

    /** Something that does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not_found", "Not found", detail));
    }

    /** A change that the current state does not allow, or that lost a race: read again, then retry or give up. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }
}
