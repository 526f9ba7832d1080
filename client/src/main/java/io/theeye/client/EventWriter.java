package io.theeye.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes events in the wire format, once, when they are tracked, and puts the written bytes into
 * batch bodies, stamping {@code sent_at} anew on each send. Writing early fixes what is sent
 * (later changes to the caller's data map cannot leak into a retry) and tells the exact size.
 */
final class EventWriter {

    /** ISO-8601 in UTC with microseconds: what the server parses, at the precision it stores. */
    static final DateTimeFormatter WIRE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final byte[] BATCH_START = "{\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BATCH_END = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SENT_AT = ",\"sent_at\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int WIRE_TIME_LENGTH = "2021-01-01T09:15:27.243860Z".length();

    /** Bytes of a batch body besides its events. */
    static final int BATCH_OVERHEAD = BATCH_START.length + BATCH_END.length;

    private final ObjectMapper mapper;

    EventWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event as a JSON object, without {@code sent_at}, which each send adds. */
    byte[] write(Event event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event_id", event.eventId().toString());
            json.writeStringField("session_id", event.sessionId().toString());
            json.writeStringField("category", event.category());
            json.writeStringField("name", event.name());
            json.writeFieldName("data");
            mapper.writeValue(json, event.data());
            json.writeStringField("timestamp", WIRE_TIME.format(event.timestamp()));
            json.writeEndObject();
        } catch (IOException e) {
            // Only the data map can fail here: a value Jackson cannot write is the caller's mistake.
            throw new IllegalArgumentException("the event's data cannot be written as JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * The bytes one written event takes in a batch body: itself, its {@code sent_at} and a comma.
     * The batch former adds these up, so a batch never exceeds its byte budget.
     */
    static int wireBytes(byte[] written) {
        return written.length + SENT_AT.length + WIRE_TIME_LENGTH + 1 + 1;
    }

    /** {@code {"events":[...]}} with every event stamped {@code sent_at}. */
    byte[] batchBody(List<PendingEvent> events, Instant sentAt) {
        byte[] stamp = WIRE_TIME.format(sentAt).getBytes(StandardCharsets.US_ASCII);
        int size = BATCH_OVERHEAD;
        for (PendingEvent event : events) {
            size += event.wireBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(BATCH_START);
        for (int i = 0; i < events.size(); i++) {
            byte[] json = events.get(i).json();
            if (i > 0) {
                out.write(',');
            }
            // Every written event ends with its object's closing brace: sent_at goes just before it.
            out.write(json, 0, json.length - 1);
            out.writeBytes(SENT_AT);
            out.writeBytes(stamp);
            out.write('"');
            out.write('}');
        }
        out.writeBytes(BATCH_END);
        return out.toByteArray();
    }

    /** The written event as text, for a {@link Rejection}. */
    static String text(byte[] written) {
        return new String(written, StandardCharsets.UTF_8);
    }
}
