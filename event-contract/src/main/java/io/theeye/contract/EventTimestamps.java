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

    /**
     * The two shapes nearly every event uses, {@code yyyy-MM-dd HH:mm:ss[.fraction]} and
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z]}, read digit by digit: a formatter costs several
     * times as much, on every event. Null for anything else, or for an impossible date or time:
     * the formatters then decide, so the answer is always theirs.
     */
    static Instant parseCommon(String text) {
        int length = text.length();
        boolean zulu = text.charAt(length - 1) == 'Z';
        int end = zulu ? length - 1 : length;
        if (end < 19
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || (text.charAt(10) != ' ' && text.charAt(10) != 'T')
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || (zulu && text.charAt(10) != 'T')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (end > 19) {
            int fraction = end - 20;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, 20, end);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || nanos < 0
                || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in text[from, to), or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean hasZone(String text) {
        int time = text.indexOf('T');
        return text.endsWith("Z") || text.endsWith("z") || text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0;
    }

    /** The instant the text denotes, or empty when it is in neither accepted form. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        Instant common = parseCommon(text);
        if (common != null) {
            return Optional.of(common);
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
