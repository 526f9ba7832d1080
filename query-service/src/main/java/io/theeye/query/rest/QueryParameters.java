package io.theeye.query.rest;

import io.theeye.contract.EventTimestamps;
import io.theeye.query.storage.StorableTimes;
import io.theeye.service.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads query parameters strictly: an unknown, repeated or malformed parameter is a 400 that
 * names the parameter and the rule, never a silently ignored filter.
 */
final class QueryParameters {

    private final MultivaluedMap<String, String> values;

    private QueryParameters(MultivaluedMap<String, String> values) {
        this.values = values;
    }

    /** The request's parameters, refusing any outside the allowed set. */
    static QueryParameters of(MultivaluedMap<String, String> values, Set<String> allowed) {
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw ProblemException.invalidParameter(
                        name,
                        allowed.isEmpty()
                                ? "unknown parameter; this endpoint takes none"
                                : "unknown parameter; allowed: "
                                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
            if (values.get(name).size() > 1) {
                throw ProblemException.invalidParameter(name, "may be given once");
            }
        }
        return new QueryParameters(values);
    }

    String text(String name) {
        String value = values.getFirst(name);
        // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the query.
        if (value != null && (value.isBlank() || value.length() > 255 || value.indexOf('\u0000') >= 0)) {
            throw ProblemException.invalidParameter(
                    name, "must be a non-empty string of at most 255 characters, without NUL");
        }
        return value;
    }

    UUID uuid(String name) {
        String value = values.getFirst(name);
        if (value == null) {
            return null;
        }
        return parseUuid(name, value);
    }

    Instant time(String name) {
        String value = values.getFirst(name);
        if (value == null) {
            return null;
        }
        Instant time = EventTimestamps.parse(value)
                .orElseThrow(() -> ProblemException.invalidParameter(
                        name, "must be a time as ISO-8601 (2021-01-01T09:15:27Z) or 'yyyy-MM-dd HH:mm:ss' UTC"));
        if (!StorableTimes.contains(time)) {
            throw ProblemException.invalidParameter(name, "must lie in the years 0001 to 9999");
        }
        return time;
    }

    /** One of a fixed set of words, or the default when absent. */
    String choice(String name, List<String> allowed, String defaultValue) {
        String value = values.getFirst(name);
        if (value == null) {
            return defaultValue;
        }
        if (!allowed.contains(value)) {
            throw ProblemException.invalidParameter(name, "must be one of: " + String.join(", ", allowed));
        }
        return value;
    }

    /** {@code true} or {@code false}, or the default when absent. */
    boolean bool(String name, boolean defaultValue) {
        String value = values.getFirst(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidParameter(name, "must be true or false");
        };
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = values.getFirst(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter(name, "must be a whole number from " + min + " to " + max);
        }
    }

    /** A path or query value that must be a UUID. */
    static UUID parseUuid(String name, String value) {
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter(name, "must be a UUID");
        }
    }

    /** Refuses a time range that ends before it starts. */
    static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidParameter("from", "must be before 'to'");
        }
    }
}
