package io.theeye.client;

/**
 * Told about each event the client will not deliver (see {@link Rejection}). Called from the
 * client's sender threads, or from the caller of {@code track} for an event too large to send;
 * it should return quickly. An exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface RejectionListener {

    /** One event that will not be delivered. */
    void rejected(Rejection rejection);
}
