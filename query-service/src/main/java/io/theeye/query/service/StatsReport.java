package io.theeye.query.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.theeye.query.storage.StatsBucket;
import java.time.Instant;
import java.util.List;

/**
 * Counts over a range, in buckets.
 *
 * @param from the range's start, moved back to a bucket boundary
 * @param to the range's end (exclusive), moved forward to a bucket boundary
 * @param totals the sums over every bucket
 */
public record StatsReport(
        @JsonProperty("from") Instant from,
        @JsonProperty("to") Instant to,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("group_by") String groupBy,
        @JsonProperty("totals") Totals totals,
        @JsonProperty("buckets") List<StatsBucket> buckets) {

    /** Valid and invalid events over the whole range. */
    public record Totals(
            @JsonProperty("valid") long valid,
            @JsonProperty("invalid") long invalid) {

        static Totals of(List<StatsBucket> buckets) {
            return new Totals(
                    buckets.stream().mapToLong(StatsBucket::valid).sum(),
                    buckets.stream().mapToLong(StatsBucket::invalid).sum());
        }
    }
}
