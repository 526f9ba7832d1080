package io.theeye.query.storage;

import java.util.Arrays;
import java.util.List;

/**
 * Which time places an invalid event in a range. Every count the API answers says its clock, so
 * that two figures are compared only on the same one.
 */
public enum CountingClock {
    /**
     * The clock of the hourly counts ({@code /v1/stats}): an event's own time when it can be trusted;
     * a missing, unreadable or future time cannot place an event, so such an event is placed by its
     * arrival ({@code invalid_events.counted_at}).
     */
    EVENT("event", "counted_at"),
    /** When the event reached ingest ({@code received_at}; for a record that was not even an envelope, its validation). */
    ARRIVAL("arrival", "coalesce(received_at, validated_at)");

    private final String wire;
    private final String column;

    CountingClock(String wire, String column) {
        this.wire = wire;
        this.column = column;
    }

    /** The name a request and an answer use. */
    public String wire() {
        return wire;
    }

    /** The clock a request's word names. */
    public static CountingClock fromWire(String wire) {
        return Arrays.stream(values())
                .filter(c -> c.wire.equals(wire))
                .findFirst()
                .orElseThrow();
    }

    /** Every word a request may use. */
    public static List<String> wires() {
        return Arrays.stream(values()).map(CountingClock::wire).toList();
    }

    /** The expression of invalid_events that gives an event's time on this clock (each one indexed). */
    String column() {
        return column;
    }
}
