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
}
