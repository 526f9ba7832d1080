package io.theeye.processor.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.contract.EventError;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event that broke at least one rule, with every error found.
 *
 * @param payload the event as received, or null when it was not JSON or cannot be stored as jsonb
 * @param rawText the record's text when payload is null
 * @param occurredAt the event's own time if it could be read (to guard against a valid copy)
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
        implements ValidationOutcome {}
