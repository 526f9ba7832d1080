package io.theeye.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RawEnvelope(UUID eventId, UUID applicationId, Instant receivedAt, JsonNode payload) {}
