package io.theeye.contract;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * A record on {@link Topics#VALID}: one event as the processor stored it in {@code events}, its
 * enrichment included. Published at least once: a copy may repeat, always with the same identity
 * ({@code application_id}, {@code event_id}) and the same content, so consumers de-duplicate by it.
 * The key is {@code session_id}.
 *
 * @param schema the record's schema and version, {@link #SCHEMA}; a consumer refuses what it does not know
 * @param data the event's data, a JSON object, exactly as stored (written as JSON, read back as its text)
 * @param occurredAt the event's own time (skew-corrected when the client sent {@code sent_at})
 * @param correctedAt the corrected time when a correction was made, else null
 * @param receivedAt when ingest received it
 * @param schemaVersion the version of its event type's JSON Schema that accepted it
 * @param kafkaPartition the raw record's partition: with the offset, the event's place in {@link Topics#RAW}
 * @param kafkaOffset the raw record's offset
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ValidEventRecord(
        String schema,
        UUID eventId,
        UUID applicationId,
        UUID sessionId,
        String category,
        String name,

        @JsonRawValue @JsonDeserialize(using = RawJson.class)
        String data,

        Instant occurredAt,
        Instant correctedAt,
        Instant receivedAt,
        Integer schemaVersion,
        int kafkaPartition,
        long kafkaOffset) {

    /**
     * This shape's name and version. A change that a consumer of this version could misread (a field
     * removed, renamed or retyped) gets a new version; fields may be added within one.
     */
    public static final String SCHEMA = "eye.valid/1";

    /** A record of this version; times as PostgreSQL holds them ({@link StoredTimes#asStored}). */
    public static ValidEventRecord of(
            UUID eventId,
            UUID applicationId,
            UUID sessionId,
            String category,
            String name,
            String data,
            Instant occurredAt,
            Instant correctedAt,
            Instant receivedAt,
            Integer schemaVersion,
            int kafkaPartition,
            long kafkaOffset) {
        return new ValidEventRecord(
                SCHEMA,
                eventId,
                applicationId,
                sessionId,
                category,
                name,
                data,
                StoredTimes.asStored(occurredAt),
                StoredTimes.asStored(correctedAt),
                StoredTimes.asStored(receivedAt),
                schemaVersion,
                kafkaPartition,
                kafkaOffset);
    }

    /** Reads a JSON value back as its text, so that {@code data} round-trips without a tree in between for writers. */
    static final class RawJson extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return parser.readValueAsTree().toString();
        }
    }
}
