package io.theeye.ingest.intake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes the raw envelope ({@link io.theeye.contract.RawEnvelope}'s wire form) around an event's
 * original bytes, so the payload on the topic is exactly what the client sent.
 */
@ApplicationScoped
public class EnvelopeWriter {

    private final ObjectMapper mapper;

    EnvelopeWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The envelope's JSON text. */
    public String write(IncomingEvent event, UUID applicationId, Instant receivedAt) {
        StringWriter out = new StringWriter(event.rawJson().length() + 160);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event_id", event.eventId().toString());
            json.writeStringField("application_id", applicationId.toString());
            json.writeStringField("received_at", receivedAt.toString());
            json.writeFieldName("payload");
            // The reader has already checked this is one well-formed JSON object.
            json.writeRawValue(event.rawJson());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
