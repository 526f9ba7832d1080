package io.theeye.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an {@link EyeClient} is configured with; built by {@link EyeClient.Builder}, whose
 * defaults fit the ingest service's default limits.
 *
 * @param ingestUrl the ingest service's base URL, for instance {@code http://localhost:8080}
 * @param applicationKey the application key, sent as {@code Authorization: Bearer <key>}
 * @param maxBatchEvents a batch is sent once it holds this many events (the server takes at most 500)
 * @param maxBatchBytes a batch never grows beyond this many bytes of request body (the server takes
 *     at most 512 KB)
 * @param linger a batch that is neither full by count nor by bytes is sent this long after its
 *     oldest event was queued
 * @param maxEventBytes an event larger than this (as JSON) is rejected at once instead of queued
 *     (the server takes at most 32 KB)
 * @param queueCapacity the most events waiting to be sent
 * @param queueMaxBytes the most bytes of events waiting to be sent
 * @param whenQueueFull what {@code track} does when the queue is full
 * @param initialBackoff the wait before the first retry of a batch; each further retry doubles it
 * @param maxBackoff the longest wait between retries (a longer Retry-After from the server wins)
 * @param connectTimeout the longest wait for a connection to ingest
 * @param requestTimeout the longest wait for ingest's answer; a request that times out is retried
 * @param closeTimeout how long {@link EyeClient#close()} and the shutdown hook wait for delivery
 * @param senders how many batches are sent at once, each by its own thread; with more than one,
 *     a session's events may reach the server out of order after a retry (queries order them by
 *     timestamp anyway)
 * @param closeOnShutdown register a JVM shutdown hook that closes the client, so events queued when
 *     the application exits are still delivered
 */
public record ClientSettings(
        URI ingestUrl,
        String applicationKey,
        int maxBatchEvents,
        int maxBatchBytes,
        Duration linger,
        int maxEventBytes,
        int queueCapacity,
        long queueMaxBytes,
        QueueFullPolicy whenQueueFull,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration closeTimeout,
        int senders,
        boolean closeOnShutdown) {

    /** Smaller batches could not hold even a small event. */
    static final int MIN_BATCH_BYTES = 1024;

    /** Checks every setting; a wrong one fails the build of the client, not its first send. */
    public ClientSettings {
        Objects.requireNonNull(ingestUrl, "ingestUrl");
        Objects.requireNonNull(applicationKey, "applicationKey");
        Objects.requireNonNull(whenQueueFull, "whenQueueFull");
        positive(maxBatchEvents, "maxBatchEvents");
        positive(maxEventBytes, "maxEventBytes");
        positive(queueCapacity, "queueCapacity");
        positive(queueMaxBytes, "queueMaxBytes");
        positive(senders, "senders");
        if (maxBatchBytes < MIN_BATCH_BYTES) {
            throw new IllegalArgumentException("maxBatchBytes must be at least " + MIN_BATCH_BYTES);
        }
        notNegative(linger, "linger");
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        notNegative(closeTimeout, "closeTimeout");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
        }
        if (!"http".equals(ingestUrl.getScheme()) && !"https".equals(ingestUrl.getScheme())) {
            throw new IllegalArgumentException("ingestUrl must be an http or https URL: " + ingestUrl);
        }
    }

    /** The batch endpoint under the base URL (which may carry a path prefix, as behind a gateway). */
    URI batchUrl() {
        String base = ingestUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/batch");
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
