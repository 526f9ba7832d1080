package io.theeye.query.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.theeye.query.storage.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A session's events in order, with its size and time span. */
public record SessionTimeline(
        @JsonProperty("session_id") UUID sessionId,
        @JsonProperty("count") long count,
        @JsonProperty("first_at") Instant firstAt,
        @JsonProperty("last_at") Instant lastAt,
        @JsonProperty("events") List<StoredEvent> events,
        @JsonProperty("next_cursor") String nextCursor) {}
