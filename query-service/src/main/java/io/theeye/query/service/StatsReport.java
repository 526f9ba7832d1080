package io.theeye.query.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.theeye.query.storage.CountingClock;
import io.theeye.query.storage.StatsBucket;
import io.theeye.query.storage.StatsQuery;
import java.time.Instant;
import java.util.List;

/**
 * Counts over a range, in buckets.
 *
 * @param from the range's start, moved back to a bucket boundary
 * @param to the range's end (exclusive), moved forward to a bucket boundary
 * @param clock always {@code event}: valid events are counted by their own time, invalid ones by
 *     their own time when it can be trusted, else by their arrival
 * @param totals the sums over every bucket
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatsReport(
        Instant from,
        Instant to,
        String bucket,
        String groupBy,
        String clock,
        Totals totals,
        List<StatsBucket> buckets) {

    /** Valid and invalid events over the whole range. */
    public record Totals(long valid, long invalid) {}

    static StatsReport of(StatsQuery query, List<StatsBucket> buckets) {
        Totals totals = new Totals(
                buckets.stream().mapToLong(StatsBucket::valid).sum(),
                buckets.stream().mapToLong(StatsBucket::invalid).sum());
        return new StatsReport(
                query.from(),
                query.to(),
                query.bucket().wire(),
                query.groupBy().wire(),
                CountingClock.EVENT.wire(),
                totals,
                buckets);
    }
}
