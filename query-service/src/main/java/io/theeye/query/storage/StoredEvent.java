package io.theeye.query.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/** A stored valid event as analysts see it; data is passed through as stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredEvent(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("application_id") UUID applicationId,
        @JsonProperty("session_id") UUID sessionId,
        @JsonProperty("category") String category,
        @JsonProperty("name") String name,
        @JsonProperty("data") @JsonRawValue String data,
        @JsonProperty("timestamp") Instant occurredAt,
        @JsonProperty("corrected_at") Instant correctedAt,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("schema_version") Integer schemaVersion,
        @JsonIgnore int kafkaPartition,
        @JsonIgnore long kafkaOffset) {

    /** This event's position, for the next page to start after. */
    public EventCursor cursor() {
        return new EventCursor(occurredAt, kafkaPartition, kafkaOffset);
    }
}
