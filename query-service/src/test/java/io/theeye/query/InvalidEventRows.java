package io.theeye.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Builds rows of invalid_events as the processor writes them, for error-monitoring tests. */
final class InvalidEventRows {

    private static long nextOffset = 1;

    private final UUID eventId = UUID.randomUUID();
    private final UUID application;
    private String category = "page interaction";
    private String name = "pageview";
    private Instant receivedAt = Instant.parse("2021-01-01T09:15:28Z");
    private Instant occurredAt;
    private String payload =
            "{\"category\": \"page interaction\", \"name\": \"pageview\", \"data\": {\"host\": \"x\"}}";
    private String rawText;
    private String replayStatus = "pending";
    private final List<String[]> errors = new ArrayList<>();

    private InvalidEventRows(UUID application) {
        this.application = application;
    }

    /** An invalid event of this application; add at least one error. */
    static InvalidEventRows of(UUID application) {
        return new InvalidEventRows(application);
    }

    InvalidEventRows type(String category, String name) {
        this.category = category;
        this.name = name;
        return this;
    }

    InvalidEventRows receivedAt(Instant receivedAt) {
        this.receivedAt = receivedAt;
        return this;
    }

    /** The event's own time, as far as it could be read (none by default: an unreadable time). */
    InvalidEventRows occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return this;
    }

    InvalidEventRows error(String code, String path, String message) {
        errors.add(new String[] {code, path, message});
        return this;
    }

    /** A record that was not JSON: no payload, only its text. */
    InvalidEventRows rawText(String text) {
        this.payload = null;
        this.rawText = text;
        return this;
    }

    InvalidEventRows replayStatus(String status) {
        this.replayStatus = status;
        return this;
    }

    /** Stores the row; returns its event id. */
    UUID insert() {
        String errorsJson = errors.stream()
                .map(e -> "{\"code\": \"" + e[0] + "\", \"path\": \"" + e[1] + "\", \"message\": \"" + e[2] + "\"}")
                .collect(Collectors.joining(", ", "[", "]"));
        String codes = errors.stream().map(e -> e[0]).distinct().collect(Collectors.joining(","));
        long offset;
        synchronized (InvalidEventRows.class) {
            offset = nextOffset++;
        }
        TestDatabase.update(
                "INSERT INTO invalid_events (event_id, application_id, received_at, occurred_at, payload, raw_text, "
                        + "category, name, errors, error_codes, validated_at, kafka_partition, kafka_offset, "
                        + "replay_status) "
                        + "VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, string_to_array(?, ','), ?, 0, ?, ?)",
                eventId,
                application,
                Timestamp.from(receivedAt),
                occurredAt == null ? null : Timestamp.from(occurredAt),
                payload,
                rawText,
                category,
                name,
                errorsJson,
                codes,
                Timestamp.from(receivedAt.plusMillis(100)),
                offset,
                replayStatus);
        return eventId;
    }
}
