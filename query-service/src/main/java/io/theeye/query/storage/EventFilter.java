package io.theeye.query.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * Which events to list; every field is optional and they combine with AND.
 *
 * @param from inclusive lower bound of occurred_at
 * @param to exclusive upper bound of occurred_at
 */
public record EventFilter(
        UUID sessionId,
        UUID applicationId,
        String category,
        String name,
        Instant from,
        Instant to,
        EventCursor after) {}
