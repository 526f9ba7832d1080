package io.theeye.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong with this request, for a human
 * @param code a stable machine-readable code (see {@link ErrorCode} for event errors)
 * @param errors per-field or per-item errors, when there are several
 * @param events the events the request handed on before it failed, each with the id it carries
 *     (so that a retry with those ids is stored once), when there are any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String code, List<?> errors, List<?> events) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem whose type is derived from its code. */
    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("https://theeye.io/problems/" + code, title, status, detail, code, null, null);
    }

    /** The same problem with itemised errors. */
    public Problem withErrors(List<?> errors) {
        return new Problem(type, title, status, detail, code, errors, events);
    }

    /** The same problem naming the events already handed on. */
    public Problem withEvents(List<?> events) {
        return new Problem(type, title, status, detail, code, errors, events);
    }
}
