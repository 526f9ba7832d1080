package io.theeye.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimestampsTest {

    @Test
    void readsTheChallengeFormatAsUtc() {
        assertThat(EventTimestamps.parse("2021-01-01 09:15:27.243860"))
                .contains(Instant.parse("2021-01-01T09:15:27.243860Z"));
    }

    @Test
    void readsTheChallengeFormatWithoutFraction() {
        assertThat(EventTimestamps.parse("2021-01-01 09:15:27")).contains(Instant.parse("2021-01-01T09:15:27Z"));
    }

    @Test
    void readsIsoWithZuluOrOffset() {
        assertThat(EventTimestamps.parse("2021-01-01T09:15:27.5Z")).contains(Instant.parse("2021-01-01T09:15:27.5Z"));
        assertThat(EventTimestamps.parse("2021-01-01T10:15:27+01:00")).contains(Instant.parse("2021-01-01T09:15:27Z"));
    }

    @Test
    void readsIsoWithoutZoneAsUtc() {
        assertThat(EventTimestamps.parse("2021-01-01T09:15:27")).contains(Instant.parse("2021-01-01T09:15:27Z"));
    }

    @Test
    void rejectsImpossibleDatesAndGarbage() {
        assertThat(EventTimestamps.parse("2021-02-30 09:15:27")).isEmpty();
        assertThat(EventTimestamps.parse("yesterday")).isEmpty();
        assertThat(EventTimestamps.parse("")).isEmpty();
        assertThat(EventTimestamps.parse(null)).isEmpty();
        assertThat(EventTimestamps.parse("2021-01-01 25:00:00")).isEmpty();
    }

    @Test
    void theFastPathAgreesWithTheFormattersOnGeneratedTexts() {
        java.util.Random random = new java.util.Random(20261130L);
        String[] separators = {" ", "T"};
        String[] zones = {"", "Z", "z", "+01:00"};
        for (int i = 0; i < 20_000; i++) {
            String text = String.format(
                    "%04d-%02d-%02d%s%02d:%02d:%02d%s%s",
                    random.nextInt(10_000),
                    random.nextInt(14),
                    random.nextInt(33),
                    separators[random.nextInt(2)],
                    random.nextInt(26),
                    random.nextInt(62),
                    random.nextInt(62),
                    random.nextBoolean() ? "" : "." + "123456789".substring(0, 1 + random.nextInt(9)),
                    zones[random.nextInt(zones.length)]);
            Instant fast = EventTimestamps.parseCommon(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(formatterOnly(text));
            }
        }
    }

    /** What the formatters alone make of a text (the answer before the fast path existed). */
    private static Instant formatterOnly(String text) {
        try {
            return text.indexOf('T') > 0
                    ? (text.endsWith("Z") || text.indexOf('+') > 0
                            ? java.time.OffsetDateTime.parse(text).toInstant()
                            : java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC))
                    : java.time.LocalDateTime.parse(
                                    text.replace(' ', 'T'), java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                            .toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
