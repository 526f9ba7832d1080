package io.theeye.query.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * Events that arrived in one bucket (of one application, when counted per application), from the
 * processor's per-minute arrival counts.
 *
 * @param applicationId null when counted over every application; the zero UUID stands for records
 *     whose application was not known
 * @param lastMinute the latest minute in the bucket that saw an event
 */
public record ArrivalCount(Instant start, UUID applicationId, long valid, long invalid, Instant lastMinute) {}
