package io.theeye.query.storage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which invalid events to list; every field is optional and they combine with AND. Times are the
 * arrival time (received_at; for a record that was not even an envelope, when it was validated).
 *
 * @param code an error code the event must have among its errors
 * @param from inclusive lower bound of the arrival time
 * @param to exclusive upper bound of the arrival time
 * @param replayStatus pending, replayed or still_invalid
 */
public record InvalidEventFilter(
        String code,
        UUID applicationId,
        String category,
        String name,
        Instant from,
        Instant to,
        String replayStatus,
        InvalidEventCursor after) {

    /** Every replay status an invalid event can be in. */
    public static final List<String> REPLAY_STATUSES = List.of("pending", "replayed", "still_invalid");

    /** The same filter without a cursor, for summaries. */
    public static InvalidEventFilter range(UUID applicationId, String category, String name, Instant from, Instant to) {
        return new InvalidEventFilter(null, applicationId, category, name, from, to, null, null);
    }
}
