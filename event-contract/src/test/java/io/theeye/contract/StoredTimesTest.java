package io.theeye.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StoredTimesTest {

    @Test
    void storesTheYearsOneTo9999AndNothingOutside() {
        assertThat(StoredTimes.storable(StoredTimes.EARLIEST)).isTrue();
        assertThat(StoredTimes.storable(StoredTimes.LATEST)).isTrue();
        assertThat(StoredTimes.storable(StoredTimes.EARLIEST.minusNanos(1))).isFalse();
        assertThat(StoredTimes.storable(Instant.parse("+10000-01-01T00:00:00Z")))
                .isFalse();
    }

    @Test
    void tellsTheTimeInMicrosecondsAsPostgresKeepsIt() {
        assertThat(StoredTimes.now().getNano() % 1_000).isZero();
    }

    @Test
    void convertsBothWaysInUtcAndKeepsNull() {
        Instant time = Instant.parse("2021-01-01T09:15:27.243860Z");
        OffsetDateTime utc = StoredTimes.utc(time);
        assertThat(utc.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(StoredTimes.instant(utc)).isEqualTo(time);
        assertThat(StoredTimes.instant(time.atOffset(ZoneOffset.ofHours(2)))).isEqualTo(time);
        assertThat(StoredTimes.utc(null)).isNull();
        assertThat(StoredTimes.instant(null)).isNull();
    }

    @Test
    void dropsWhatIsFinerThanAMicrosecondTowardPostgresEpochAsTheDriverDoes() {
        assertThat(StoredTimes.asStored(Instant.parse("2026-11-30T07:50:10.022289841Z")))
                .isEqualTo(Instant.parse("2026-11-30T07:50:10.022289Z"));
        assertThat(StoredTimes.asStored(Instant.parse("1999-12-31T23:59:59.999998500Z")))
                .as("before PostgreSQL's epoch, toward it: up")
                .isEqualTo(Instant.parse("1999-12-31T23:59:59.999999Z"));
        assertThat(StoredTimes.asStored(Instant.parse("2021-01-01T09:15:27.243860Z")))
                .isEqualTo(Instant.parse("2021-01-01T09:15:27.243860Z"));
        assertThat(StoredTimes.asStored(null)).isNull();
    }
}
