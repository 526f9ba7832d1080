package io.theeye.processor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Typed settings of processor-service (prefix {@code eye.processor}, env {@code EYE_PROCESSOR_...}). */
@ConfigMapping(prefix = "eye.processor")
public interface ProcessorConfig {

    /** How far past received_at an event's time may lie before it is {@code future_timestamp}. */
    @WithDefault("5m")
    Duration futureTolerance();

    /** Storage retries while PostgreSQL or Kafka is away: consumption pauses, nothing is skipped. */
    Retry retry();

    /**
     * A partition whose batch has been retrying this long is reported stalled: readiness goes
     * down and says which partition (the gauge {@code eye_processor_partition_retrying_seconds}
     * shows it from the first failed attempt).
     */
    @WithDefault("2m")
    Duration stalledAfter();

    /** The events table's daily partitions. */
    Partitions partitions();

    /** The event-type registry cache. */
    Registry registry();

    /** Backoff between attempts to store a batch. */
    interface Retry {
        /** First wait after a failed attempt. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest wait between attempts. */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    /** Partition maintenance. */
    interface Partitions {
        /** How many days of partitions exist ahead of today. */
        @WithDefault("7")
        int daysAhead();

        /** Drop partitions older than this; unset keeps every event forever. */
        Optional<Duration> retention();
    }

    /** Registry refresh. */
    interface Registry {
        /** How often registered event types are reloaded; a new schema version applies within it. */
        @WithDefault("5s")
        Duration refreshInterval();
    }
}
