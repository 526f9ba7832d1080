package io.theeye.query.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What to count from the hourly rollup: a range, the bucket size, how to group, and optional
 * filters that combine with AND.
 *
 * @param from inclusive start; on a bucket boundary when counted
 * @param to exclusive end; on a bucket boundary when counted
 */
public record StatsQuery(
        Instant from, Instant to, Bucket bucket, Grouping groupBy, UUID applicationId, String category, String name) {

    /** The same query over another range. */
    public StatsQuery over(Instant rangeFrom, Instant rangeTo) {
        return new StatsQuery(rangeFrom, rangeTo, bucket, groupBy, applicationId, category, name);
    }

    /** Bucket sizes; days are UTC days. */
    public enum Bucket {
        HOUR("hour", Duration.ofHours(1), Duration.ofHours(24), "hour"),
        DAY(
                "day",
                Duration.ofDays(1),
                Duration.ofDays(30),
                "date_bin('1 day', hour, TIMESTAMPTZ '2000-01-01 00:00:00+00')");

        private final String wire;
        private final Duration length;
        private final Duration defaultRange;
        private final String sql;

        Bucket(String wire, Duration length, Duration defaultRange, String sql) {
            this.wire = wire;
            this.length = length;
            this.defaultRange = defaultRange;
            this.sql = sql;
        }

        /** The name a request uses. */
        public String wire() {
            return wire;
        }

        /** How far back a request without {@code from} reaches. */
        public Duration defaultRange() {
            return defaultRange;
        }

        /** The start of the bucket holding this time. */
        public Instant floor(Instant time) {
            long size = length.toSeconds();
            return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), size) * size);
        }

        /** The first bucket boundary at or after this time. */
        public Instant ceil(Instant time) {
            Instant floor = floor(time);
            return floor.equals(time) ? floor : floor.plus(length);
        }

        /** The bucket for a request's word. */
        public static Bucket fromWire(String wire) {
            return Arrays.stream(values())
                    .filter(b -> b.wire.equals(wire))
                    .findFirst()
                    .orElseThrow();
        }

        /** Every word a request may use. */
        public static List<String> wires() {
            return Arrays.stream(values()).map(Bucket::wire).toList();
        }

        String sql() {
            return sql;
        }
    }

    /** How counts are grouped within a bucket; a name is grouped with its category. */
    public enum Grouping {
        NONE("none", List.of()),
        CATEGORY("category", List.of("category")),
        NAME("name", List.of("category", "name")),
        APPLICATION("application", List.of("application_id"));

        private final String wire;
        private final List<String> columns;

        Grouping(String wire, List<String> columns) {
            this.wire = wire;
            this.columns = columns;
        }

        /** The name a request uses. */
        public String wire() {
            return wire;
        }

        /** The grouping for a request's word. */
        public static Grouping fromWire(String wire) {
            return Arrays.stream(values())
                    .filter(g -> g.wire.equals(wire))
                    .findFirst()
                    .orElseThrow();
        }

        /** Every word a request may use. */
        public static List<String> wires() {
            return Arrays.stream(values()).map(Grouping::wire).toList();
        }

        List<String> columns() {
            return columns;
        }
    }
}
