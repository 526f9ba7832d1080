package io.theeye.query.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event that failed validation, as the data-quality owner sees it: the payload as received and
 * every error, with its replay status. Absent parts are null (a record that was not even JSON has
 * only raw_text).
 *
 * @param payload the event as received (JSON), or null when it could not be stored as JSON
 * @param rawText the record's text when there is no payload
 * @param errors every error: code, JSON Pointer path and message
 * @param countedAt its time on the event-time clock: its own time when that can be trusted, else its
 *     arrival
 * @param positionAt its time on the clock the listing is ordered by
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredInvalidEvent(
        UUID eventId,
        UUID applicationId,
        Instant receivedAt,
        Instant validatedAt,
        @JsonProperty("timestamp") Instant occurredAt,
        Instant countedAt,
        String category,
        String name,
        List<String> errorCodes,
        @JsonRawValue String errors,
        @JsonRawValue String payload,
        String rawText,
        String replayStatus,
        Instant replayedAt,
        @JsonIgnore Instant positionAt) {

    /** This event's position, for the next page to start after. */
    public InvalidEventCursor cursor() {
        return new InvalidEventCursor(positionAt, eventId);
    }
}
