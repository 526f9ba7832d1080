package io.theeye.contract;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Optional;

/** Parses event timestamps in the two accepted forms; a time without a zone is UTC. */
public final class EventTimestamps {

    /** {@code yyyy-MM-dd HH:mm:ss[.fraction]}, the original challenge's format. */
    private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private EventTimestamps() {}

    private static boolean hasZone(String text) {
        int time = text.indexOf('T');
        return text.endsWith("Z") || text.endsWith("z") || text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0;
    }

    /** The instant the text denotes, or empty when it is in neither accepted form. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        try {
            if (text.indexOf('T') > 0) {
                // ISO-8601: with Z or an offset; without one it is UTC, like the other form.
                return Optional.of(
                        hasZone(text)
                                ? OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                                        .toInstant()
                                : LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                                        .toInstant(ZoneOffset.UTC));
            }
            return Optional.of(LocalDateTime.parse(text, SPACE_SEPARATED).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
