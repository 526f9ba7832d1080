package io.theeye.processor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.contract.ErrorCode;
import io.theeye.contract.EventTimestamps;
import io.theeye.service.problem.ProblemException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

/**
 * Which invalid events to re-validate, and whether to store the outcome. Read strictly: an
 * unknown or malformed field is refused, so a typo never widens a replay to everything.
 *
 * @param from inclusive lower bound of received_at
 * @param to exclusive upper bound of received_at
 */
public record ReplayRequest(
        boolean dryRun,
        ErrorCode code,
        String category,
        String name,
        UUID application,
        Instant from,
        Instant to,
        int limit) {

    static final int MAX_LIMIT = 10_000;
    private static final Set<String> FIELDS =
            Set.of("dry_run", "code", "category", "name", "application", "from", "to", "limit");

    /** Reads a request body; a missing body is a dry run over everything pending, 1,000 at most. */
    public static ReplayRequest parse(JsonNode body) {
        if (body == null || body.isNull()) {
            return new ReplayRequest(true, null, null, null, null, null, null, 1000);
        }
        if (!body.isObject()) {
            throw ProblemException.invalidParameter("body", "must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw ProblemException.invalidParameter(
                        field,
                        "unknown field; allowed: "
                                + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        JsonNode dryRun = body.get("dry_run");
        if (dryRun != null && !dryRun.isBoolean()) {
            throw ProblemException.invalidParameter("dry_run", "must be true or false");
        }
        String codeText = text(body, "code");
        ErrorCode code = codeText == null ? null : ErrorCode.fromWire(codeText);
        if (codeText != null && code == null) {
            throw ProblemException.invalidParameter("code", "must be one of the error codes, e.g. schema_violation");
        }
        Instant from = time(body, "from");
        Instant to = time(body, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidParameter("from", "must be before 'to'");
        }
        JsonNode limit = body.get("limit");
        if (limit != null
                && (!limit.canConvertToInt()
                        || limit.asInt() < 1
                        || limit.asInt() > MAX_LIMIT
                        || !limit.isIntegralNumber())) {
            throw ProblemException.invalidParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        String application = text(body, "application");
        UUID applicationId;
        try {
            applicationId = application == null ? null : UUID.fromString(application);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("application", "must be a UUID");
        }
        return new ReplayRequest(
                dryRun == null || dryRun.asBoolean(),
                code,
                text(body, "category"),
                text(body, "name"),
                applicationId,
                from,
                to,
                limit == null ? 1000 : limit.asInt());
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()
                || value.asText().isBlank()
                || !io.theeye.contract.StorableText.isStorable(value.asText())) {
            throw ProblemException.invalidParameter(
                    field, "must be a non-empty string without NUL or unpaired surrogates");
        }
        return value.asText();
    }

    private static Instant time(JsonNode body, String field) {
        String value = text(body, field);
        return value == null
                ? null
                : EventTimestamps.parse(value)
                        .orElseThrow(() -> ProblemException.invalidParameter(field, "must be an ISO-8601 time"));
    }
}
