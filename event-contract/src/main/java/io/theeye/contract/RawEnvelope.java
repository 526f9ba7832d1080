package io.theeye.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A record on {@link Topics#RAW}: the event exactly as the client sent it, stamped by ingest.
 *
 * @param eventId the client's event_id when it sent one, else a UUIDv7 assigned by ingest
 * @param applicationId the application the key belongs to; never taken from the payload
 * @param receivedAt when ingest received the request
 * @param payload the event as received, unvalidated
 */
public record RawEnvelope(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("application_id") UUID applicationId,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("payload") JsonNode payload) {}
