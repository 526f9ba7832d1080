package io.theeye.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Typed settings of query-service (prefix {@code eye.query}, env {@code EYE_QUERY_...}). */
@ConfigMapping(prefix = "eye.query")
public interface QueryConfig {

    /** Events per page when the request names no limit. */
    @WithDefault("100")
    int defaultPageSize();

    /** The largest page a request may ask for. */
    @WithDefault("1000")
    int maxPageSize();

    /** The counts of {@code GET /v1/stats}. */
    Stats stats();

    /** Error monitoring: {@code GET /v1/invalid-events} and its summary. */
    Invalid invalid();

    /** Administration of applications and event types. */
    Admin admin();

    /** The live view: {@code GET /v1/live} and the console's Live tab. */
    Live live();

    /** The streaming export: {@code GET /v1/export}. */
    Export export();

    /** Bounds of the stats ranges, so one request never reads an unbounded rollup. */
    interface Stats {
        /** The longest range, in days, that may be counted in hour buckets. */
        @WithDefault("31")
        int maxHourBucketDays();

        /** The longest range, in days, that may be counted in day buckets. */
        @WithDefault("366")
        int maxDayBucketDays();
    }

    /** Error-monitoring limits. */
    interface Invalid {
        /** The longest range, in days, a summary may cover. */
        @WithDefault("31")
        int summaryMaxDays();

        /** How many sample event ids a summary gives per code and per event type. */
        @WithDefault("5")
        int summarySamples();

        /** How many event types a summary lists (the most frequent first). */
        @WithDefault("50")
        int summaryMaxEventTypes();
    }

    /** Administration. */
    interface Admin {
        /**
         * How long an application's previous keys keep working after a rotation, so clients can
         * switch without losing events. Zero ends them at once.
         */
        @WithDefault("24h")
        Duration keyRotationOverlap();
    }

    /**
     * The live view. One Kafka consumer per instance reads the valid and invalid topics while
     * someone watches, and fans each event out to the viewers whose filters it matches.
     */
    interface Live {
        /** Read the topics at all; when off, {@code GET /v1/live} answers 503. */
        @WithDefault("true")
        boolean enabled();

        /** Viewers one instance serves at once; one more is refused with 503. */
        @WithDefault("20")
        int maxViewers();

        /** Messages waiting for one viewer; a viewer that falls further behind is dropped. */
        @WithDefault("500")
        int viewerQueue();

        /** Bytes waiting for one viewer, counting each event whole; a viewer beyond it is dropped. */
        @WithDefault("1048576")
        long viewerQueueBytes();

        /** Recent events kept so that a viewer who reconnects with Last-Event-ID misses nothing. */
        @WithDefault("2000")
        int recentEvents();

        /** Bytes bound of the recent events. */
        @WithDefault("8388608")
        long recentBytes();

        /** A viewer who was sent nothing for this long gets a comment, so proxies keep the stream open. */
        @WithDefault("15s")
        Duration heartbeat();

        /** How long the consumer keeps reading after the last viewer left (a reconnect can resume). */
        @WithDefault("60s")
        Duration idleAfter();
    }

    /** Streaming export bounds. */
    interface Export {
        /** The longest range, in days, one export may cover. */
        @WithDefault("31")
        int maxDays();

        /** Exports one instance streams at once (each holds a database connection); one more is a 503. */
        @WithDefault("4")
        int maxConcurrent();

        /** Rows fetched from PostgreSQL at a time: with the HTTP buffers, what one export holds in memory. */
        @WithDefault("500")
        int fetchRows();
    }
}
