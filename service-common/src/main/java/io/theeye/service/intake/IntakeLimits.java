package io.theeye.service.intake;

/**
 * How much one request may carry: the same limits at ingest and in the processor's dry run.
 *
 * @param maxEventBytes the largest single event
 * @param maxRequestBytes the largest request body
 * @param maxBatchEvents the most events in one batch
 */
public record IntakeLimits(int maxEventBytes, int maxRequestBytes, int maxBatchEvents) {

    /** The contract's limits: 32 KB an event, 512 KB a request, 500 events a batch. */
    public static final IntakeLimits DEFAULTS = new IntakeLimits(32_768, 524_288, 500);
}
