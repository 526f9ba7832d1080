package io.theeye.query.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** A stored valid event as analysts see it; data is passed through as stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredEvent(
        UUID eventId,
        UUID applicationId,
        UUID sessionId,
        String category,
        String name,
        @JsonRawValue String data,
        @JsonProperty("timestamp") Instant occurredAt,
        Instant correctedAt,
        Instant receivedAt,
        Integer schemaVersion,
        @JsonIgnore int kafkaPartition,
        @JsonIgnore long kafkaOffset) {

    /** This event's position, for the next page to start after. */
    public EventCursor cursor() {
        return new EventCursor(occurredAt, kafkaPartition, kafkaOffset);
    }
}
