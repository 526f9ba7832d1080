package io.theeye.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Typed settings of ingest-service (prefix {@code eye.ingest}, env {@code EYE_INGEST_...}). */
@ConfigMapping(prefix = "eye.ingest")
public interface IngestConfig {

    /** Largest single event, in bytes; a bigger one is answered 413 {@code too_large}. */
    @WithDefault("32768")
    int maxEventBytes();

    /** Largest request body, in bytes. */
    @WithDefault("524288")
    int maxRequestBytes();

    /** Most events in one batch request. */
    @WithDefault("500")
    int maxBatchEvents();

    /**
     * How long a request waits for Kafka's acknowledgement before it is answered 503: the
     * producer's delivery timeout, so the producer has given the records up by then (though one
     * may have reached Kafka: the 503 lists the ids to retry with).
     */
    @WithDefault("2s")
    Duration sendTimeout();

    /**
     * The producer's linger (ms): how long it waits to fill a batch. Every request waits for its
     * acknowledgement, so at light load each pays it; under load it is what lets thousands of
     * requests share a few produce requests. {@code EYE_INGEST_LINGER_MS}.
     */
    @WithDefault("5")
    int lingerMs();

    /** The Retry-After a 503 suggests. */
    @WithDefault("5s")
    Duration retryAfter();

    /** Application keys. */
    Keys keys();

    /** Per-application rate limit. */
    RateLimit rateLimit();

    /** Application keys, held in memory and refreshed from PostgreSQL. */
    interface Keys {
        /** How often the key set is reloaded; a disabled key stops working within this time. */
        @WithDefault("5s")
        Duration refreshInterval();
    }

    /** A token bucket per application; off unless events-per-second is set. */
    interface RateLimit {
        /** Sustained events per second each application may send; unset means unlimited. */
        Optional<Integer> eventsPerSecond();

        /** How many events above the sustained rate a burst may carry. */
        @WithDefault("1000")
        int burst();
    }
}
