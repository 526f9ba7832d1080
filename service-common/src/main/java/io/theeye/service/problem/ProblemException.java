package io.theeye.service.problem;

import io.theeye.contract.Problem;
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

    public static ProblemException malformed(String detail) {
        return new ProblemException(Problem.of(400, "malformed", "Malformed request body", detail));
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(413, "too_large", "Request too large", detail));
    }

    /** A request parameter that breaks a rule: names the parameter and the rule. */
    public static ProblemException invalidParameter(String parameter, String rule) {
        return new ProblemException(Problem.of(400, "invalid_parameter", "Invalid parameter", parameter + ": " + rule));
    }

    /** Something that does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not_found", "Not found", detail));
    }
}
