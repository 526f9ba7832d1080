package io.theeye.query.storage;

import java.time.Instant;

/** The times PostgreSQL can compare with (years 1 to 9999 here), so no filter or cursor overflows it. */
public final class StorableTimes {

    /** The earliest time a filter or cursor may name. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest time a filter or cursor may name. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StorableTimes() {}

    /** True when PostgreSQL can hold this time. */
    public static boolean contains(Instant time) {
        return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
    }
}
