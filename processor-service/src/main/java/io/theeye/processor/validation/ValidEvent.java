package io.theeye.processor.validation;

import java.time.Instant;
import java.util.UUID;

/** An event that passed every rule, ready to store. */
public record ValidEvent(
        UUID eventId,
        UUID applicationId,
        UUID sessionId,
        String category,
        String name,
        String data,
        Instant occurredAt,
        Instant correctedAt,
        Instant receivedAt,
        int kafkaPartition,
        long kafkaOffset,
        int schemaVersion)
        implements ValidationOutcome {}
