package io.theeye.query.storage;

import java.time.Instant;
import java.util.List;

/** How many events a session has and when it began and ended. */
public record SessionSummary(long events, Instant firstAt, Instant lastAt) {

    /** The summary of a whole session read off its events, in time order. */
    public static SessionSummary of(List<StoredEvent> events) {
        return events.isEmpty()
                ? new SessionSummary(0, null, null)
                : new SessionSummary(
                        events.size(),
                        events.get(0).occurredAt(),
                        events.get(events.size() - 1).occurredAt());
    }
}
