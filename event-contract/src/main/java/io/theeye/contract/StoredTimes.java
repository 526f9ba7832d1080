package io.theeye.contract;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Times as PostgreSQL holds them: {@code timestamptz} in UTC, within the years 1 to 9999. */
public final class StoredTimes {

    /** The earliest time a filter, cursor or row may name. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest time a filter, cursor or row may name (PostgreSQL keeps microseconds). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** PostgreSQL's own epoch, from which it counts microseconds. */
    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    private StoredTimes() {}

    /** The current time as PostgreSQL keeps it (microseconds), so what is answered equals what is stored. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** True when PostgreSQL can hold and compare this time, so no filter or cursor overflows it. */
    public static boolean storable(Instant time) {
        return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
    }

    /**
     * The instant a {@code timestamptz} column holds once this one is stored: the driver sends whole
     * microseconds counted from PostgreSQL's epoch (2000-01-01), dropping what is finer toward it.
     * Null stays null.
     */
    public static Instant asStored(Instant time) {
        return time == null
                ? null
                : POSTGRES_EPOCH.plus(POSTGRES_EPOCH.until(time, ChronoUnit.MICROS), ChronoUnit.MICROS);
    }

    /** The value to bind for a {@code timestamptz} parameter; null stays null. */
    public static OffsetDateTime utc(Instant time) {
        return time == null ? null : time.atOffset(ZoneOffset.UTC);
    }

    /** The instant a {@code timestamptz} column holds; null stays null. */
    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
