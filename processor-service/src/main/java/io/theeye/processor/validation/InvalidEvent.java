package io.theeye.processor.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.contract.EventError;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event that broke at least one rule, with every error found.
 *
 * @param applicationId the application, or null when the record was not even an envelope
 * @param payload the event as received, or null when it was not JSON or cannot be stored as jsonb
 * @param rawText the event's (or, for an unreadable record, the record's) text when payload is null,
 *     written so that PostgreSQL can store it
 * @param occurredAt the event's own time if it could be read (the stored row derives from it, its
 *     codes and its arrival the hour it is counted in)
 */
public record InvalidEvent(
        UUID eventId,
        UUID applicationId,
        Instant receivedAt,
        JsonNode payload,
        String rawText,
        String category,
        String name,
        List<EventError> errors,
        Instant occurredAt,
        int kafkaPartition,
        long kafkaOffset)
        implements ValidationOutcome {

    /** The same event, recorded instead as one the database refused, with its reason. */
    public InvalidEvent unstorable(String rawText, List<EventError> reasons) {
        return new InvalidEvent(
                eventId,
                applicationId,
                receivedAt,
                null,
                rawText,
                category,
                name,
                reasons,
                occurredAt,
                kafkaPartition,
                kafkaOffset);
    }
}
