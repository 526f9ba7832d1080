package io.theeye.query.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.theeye.query.storage.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * How exported events are written: NDJSON (one event a line, as {@code GET /v1/events} writes
 * them) or CSV (RFC 4180, a header line, {@code data} as JSON text in its own column).
 */
public enum ExportFormat {
    NDJSON("ndjson", "application/x-ndjson"),
    CSV("csv", "text/csv; charset=utf-8");

    static final List<String> CSV_COLUMNS = List.of(
            "event_id",
            "application_id",
            "session_id",
            "category",
            "name",
            "timestamp",
            "corrected_at",
            "received_at",
            "schema_version",
            "data");

    private final String wire;
    private final String mediaType;

    ExportFormat(String wire, String mediaType) {
        this.wire = wire;
        this.mediaType = mediaType;
    }

    /** The word of the {@code format} parameter and the file name's extension. */
    public String wire() {
        return wire;
    }

    /** The answer's Content-Type. */
    public String mediaType() {
        return mediaType;
    }

    /** The words the {@code format} parameter accepts. */
    public static List<String> wires() {
        return List.of(NDJSON.wire, CSV.wire);
    }

    /** The format of a word of {@link #wires()}. */
    public static ExportFormat of(String wire) {
        return wire.equals(CSV.wire) ? CSV : NDJSON;
    }

    /** What comes before the first event: CSV's header line (without its line feed), or null. */
    byte[] header() {
        return this == CSV ? String.join(",", CSV_COLUMNS).getBytes(StandardCharsets.UTF_8) : null;
    }

    /**
     * Events as the lines of one chunk of the answer, separated by line feeds; the last line's
     * line feed is the one the streaming answer writes after every chunk.
     */
    byte[] lines(List<StoredEvent> events, ObjectWriter json) {
        StringBuilder out = new StringBuilder(events.size() * 400);
        for (StoredEvent event : events) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (this == NDJSON) {
                try {
                    out.append(json.writeValueAsString(event));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                csv(out, event);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void csv(StringBuilder out, StoredEvent event) {
        field(out, event.eventId(), false);
        field(out, event.applicationId(), false);
        field(out, event.sessionId(), false);
        field(out, event.category(), false);
        field(out, event.name(), false);
        field(out, event.occurredAt(), false);
        field(out, event.correctedAt(), false);
        field(out, event.receivedAt(), false);
        field(out, event.schemaVersion(), false);
        field(out, event.data(), true);
    }

    /** One field, quoted when it holds a comma, a quote or a line break (quotes doubled). */
    private static void field(StringBuilder out, Object value, boolean last) {
        if (value != null) {
            String text = value instanceof Instant time ? time.toString() : value.toString();
            if (text.indexOf(',') >= 0
                    || text.indexOf('"') >= 0
                    || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0) {
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                out.append(text);
            }
        }
        if (!last) {
            out.append(',');
        }
    }
}
