package io.theeye.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A record on {@link Topics#INVALID}: the raw envelope plus every error found and when. */
public record InvalidEventRecord(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("application_id") UUID applicationId,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("payload") JsonNode payload,
        @JsonProperty("errors") List<EventError> errors,
        @JsonProperty("validated_at") Instant validatedAt) {}
