package io.theeye.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** The answer to an accepted event: the id it will be stored under. */
public record AcceptedEvent(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("status") String status) {

    AcceptedEvent(UUID eventId) {
        this(eventId, "accepted");
    }
}
