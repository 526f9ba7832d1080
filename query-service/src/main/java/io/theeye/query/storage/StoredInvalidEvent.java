package io.theeye.query.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
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
 */
public record StoredInvalidEvent(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("application_id") UUID applicationId,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("validated_at") Instant validatedAt,
        @JsonProperty("timestamp") Instant occurredAt,
        @JsonProperty("category") String category,
        @JsonProperty("name") String name,
        @JsonProperty("error_codes") List<String> errorCodes,
        @JsonProperty("errors") @JsonRawValue String errors,
        @JsonProperty("payload") @JsonRawValue String payload,
        @JsonProperty("raw_text") String rawText,
        @JsonProperty("replay_status") String replayStatus,
        @JsonProperty("replayed_at") Instant replayedAt,
        @JsonIgnore Instant seenAt) {

    /** This event's position, for the next page to start after. */
    public InvalidEventCursor cursor() {
        return new InvalidEventCursor(seenAt, eventId);
    }
}
