package io.theeye.service.input;

import io.theeye.contract.EventTimestamps;
import io.theeye.contract.StorableText;
import io.theeye.contract.StoredTimes;
import io.theeye.contract.Uuids;
import io.theeye.service.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads query parameters strictly: an unknown, repeated or malformed parameter is a 400 that
 * names the parameter and the rule, never a silently ignored filter.
 */
public final class StrictParameters {

    private static final String TEXT_RULE =
            "must be a non-empty string of at most 255 characters, without NUL or unpaired surrogates";

    private final MultivaluedMap<String, String> values;

    private StrictParameters(MultivaluedMap<String, String> values) {
        this.values = values;
    }

    /** The request's query parameters, refusing any outside the allowed names. */
    public static StrictParameters of(UriInfo uri, String... allowed) {
        return of(uri.getQueryParameters(), Set.of(allowed));
    }

    /** The parameters, refusing any outside the allowed names and any given twice. */
    public static StrictParameters of(MultivaluedMap<String, String> values, Set<String> allowed) {
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
        return new StrictParameters(values);
    }

    /** A non-empty string PostgreSQL can compare with (no NUL, no unpaired surrogate), or null when absent. */
    public String text(String name) {
        String value = values.getFirst(name);
        return value == null ? null : text(name, value);
    }

    /** A path or query value that must be a non-empty string of at most 255 characters that PostgreSQL can store (no NUL, no unpaired surrogate). */
    public static String text(String name, String value) {
        if (value.isBlank() || value.length() > 255 || !StorableText.isStorable(value)) {
            throw ProblemException.invalidParameter(name, TEXT_RULE);
        }
        return value;
    }

    /** A UUID, or null when absent. */
    public UUID uuid(String name) {
        String value = values.getFirst(name);
        return value == null ? null : uuid(name, value);
    }

    /** A path or query value that must be a UUID. */
    public static UUID uuid(String name, String value) {
        return Uuids.parse(value).orElseThrow(() -> ProblemException.invalidParameter(name, "must be a UUID"));
    }

    /** A time in either accepted form that PostgreSQL can hold, or null when absent. */
    public Instant time(String name) {
        String value = values.getFirst(name);
        if (value == null) {
            return null;
        }
        Instant time = EventTimestamps.parse(value)
                .orElseThrow(() -> ProblemException.invalidParameter(
                        name, "must be a time as ISO-8601 (2021-01-01T09:15:27Z) or 'yyyy-MM-dd HH:mm:ss' UTC"));
        if (!StoredTimes.storable(time)) {
            throw ProblemException.invalidParameter(name, "must lie in the years 0001 to 9999");
        }
        return time;
    }

    /** One of a fixed set of words, or the default when absent. */
    public String choice(String name, List<String> allowed, String defaultValue) {
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
    public boolean bool(String name, boolean defaultValue) {
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

    /** A whole number within bounds, or the default when absent. */
    public int integer(String name, int defaultValue, int min, int max) {
        String value = values.getFirst(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // the same answer as a number out of bounds
        }
        throw ProblemException.invalidParameter(name, "must be a whole number from " + min + " to " + max);
    }

    /**
     * A value read from its {@link #text} by the parser, which throws {@link IllegalArgumentException}
     * for text it cannot read (a cursor, for example); null when absent.
     */
    public <T> T parsed(String name, Function<String, T> parser, String rule) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter(name, rule);
        }
    }

    /** Refuses a time range that ends before it starts. */
    public static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidParameter("from", "must be before 'to'");
        }
    }
}
