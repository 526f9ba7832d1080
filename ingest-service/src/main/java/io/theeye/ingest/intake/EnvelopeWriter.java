package io.theeye.ingest.intake;

import io.theeye.service.intake.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes the raw envelope ({@link io.theeye.contract.RawEnvelope}'s wire form) around an event's
 * original bytes, so the payload on the topic is exactly what the client sent.
 */
@ApplicationScoped
public class EnvelopeWriter {

    /**
     * The envelope's JSON text. Built as text rather than through a JSON generator (it runs once
     * per event on the request path): UUIDs and ISO-8601 instants never need escaping, and the
     * reader has already checked that the payload is one well-formed JSON object.
     */
    public String write(IncomingEvent event, UUID applicationId, Instant receivedAt) {
        String payload = event.rawJson();
        return new StringBuilder(payload.length() + 160)
                .append("{\"event_id\":\"")
                .append(event.eventId())
                .append("\",\"application_id\":\"")
                .append(applicationId)
                .append("\",\"received_at\":\"")
                .append(receivedAt)
                .append("\",\"payload\":")
                .append(payload)
                .append('}')
                .toString();
    }
}
