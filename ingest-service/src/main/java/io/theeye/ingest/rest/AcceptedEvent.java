package io.theeye.ingest.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** The answer to an accepted event: the id it will be stored under. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AcceptedEvent(UUID eventId, String status) {

    AcceptedEvent(UUID eventId) {
        this(eventId, "accepted");
    }
}
