package io.theeye.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A record on {@link Topics#INVALID}: the raw envelope plus every error found and when. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvalidEventRecord(
        UUID eventId,
        UUID applicationId,
        Instant receivedAt,
        JsonNode payload,
        List<EventError> errors,
        Instant validatedAt) {}
