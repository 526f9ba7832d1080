package io.theeye.query.storage;

import java.time.Instant;
import java.util.UUID;

/** How many events a session has and when it began and ended. */
public record SessionSummary(UUID sessionId, long events, Instant firstAt, Instant lastAt) {}
