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
}
