package io.theeye.query.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.theeye.query.storage.SessionSummary;
import io.theeye.query.storage.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A session's events in order, with its size and time span. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionTimeline(
        UUID sessionId, long count, Instant firstAt, Instant lastAt, List<StoredEvent> events, String nextCursor) {

    static SessionTimeline of(UUID sessionId, SessionSummary summary, Page<StoredEvent> page) {
        return new SessionTimeline(
                sessionId, summary.events(), summary.firstAt(), summary.lastAt(), page.events(), page.nextCursor());
    }
}
