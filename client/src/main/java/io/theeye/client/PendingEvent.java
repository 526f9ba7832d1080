package io.theeye.client;

import java.util.UUID;

/**
 * An event waiting for the server's acknowledgement, already written as JSON.
 *
 * @param sequence its place in the order events were queued, which flush waits on
 * @param eventId the event's id
 * @param json the written event, without {@code sent_at}
 * @param wireBytes what it takes in a batch body
 * @param queuedAtNanos when it was queued ({@link System#nanoTime()}), which the linger time counts from
 */
record PendingEvent(long sequence, UUID eventId, byte[] json, int wireBytes, long queuedAtNanos) {}
