package io.theeye.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theeye.localstack.Fixtures;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The seed page view, made unique per call, and the raw envelope ingest-service writes around it. */
final class BenchEvents {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final ObjectNode seed = (ObjectNode) Fixtures.seedEvents().get(0);
    private final String timestamp = TIMESTAMP.format(Instant.now());

    /** The seed page view in a fresh session, stamped now (so no day partition is far away). */
    ObjectNode event(UUID sessionId) {
        ObjectNode event = seed.deepCopy();
        event.put("session_id", sessionId.toString());
        event.put("timestamp", timestamp);
        return event;
    }

    /** The envelope's JSON text, as ingest-service's EnvelopeWriter writes it. */
    String envelope(UUID eventId, UUID applicationId, UUID sessionId) {
        return "{\"event_id\":\"" + eventId + "\",\"application_id\":\"" + applicationId + "\",\"received_at\":\""
                + Instant.now() + "\",\"payload\":" + event(sessionId) + "}";
    }
}
