package io.theeye.query.storage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which invalid events to list; every field is optional and they combine with AND. Times are on
 * the filter's clock, which also orders a listing (newest first).
 *
 * @param code an error code the event must have among its errors
 * @param from inclusive lower bound of the event's time on the clock
 * @param to exclusive upper bound of the event's time on the clock
 * @param replayStatus pending, replayed or still_invalid
 * @param stillInvalid only events no replay has stored since (what the counts hold as invalid)
 */
public record InvalidEventFilter(
        String code,
        UUID applicationId,
        String category,
        String name,
        CountingClock clock,
        Instant from,
        Instant to,
        String replayStatus,
        boolean stillInvalid,
        InvalidEventCursor after) {

    /** Every replay status an invalid event can be in. */
    public static final List<String> REPLAY_STATUSES = List.of("pending", "replayed", "still_invalid");

    /**
     * The events a summary counts: those still invalid in the range. A replay that stored an event
     * moved it to the valid counts, here as in the hourly and per-minute counts.
     */
    public static InvalidEventFilter summary(
            UUID applicationId, String category, String name, CountingClock clock, Instant from, Instant to) {
        return new InvalidEventFilter(null, applicationId, category, name, clock, from, to, null, true, null);
    }
}
