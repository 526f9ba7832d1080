package io.theeye.query.service;

import io.smallrye.mutiny.Uni;
import io.theeye.query.config.QueryConfig;
import io.theeye.query.storage.StatsQuery;
import io.theeye.query.storage.StatsQuery.Bucket;
import io.theeye.query.storage.StatsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Counts over time from the processor's hourly rollup: widens the asked range to whole buckets,
 * fills in its defaults and keeps it within the configured length for the bucket size.
 */
@ApplicationScoped
public class StatsService {

    private final StatsRepository repository;
    private final QueryConfig.Stats config;
    private final Clock clock = Clock.systemUTC();

    StatsService(StatsRepository repository, QueryConfig config) {
        this.repository = repository;
        this.config = config.stats();
    }

    /** The counts the query asks for; its range may be open at either end. */
    public Uni<StatsReport> count(StatsQuery asked) {
        Bucket bucket = asked.bucket();
        int maxDays = bucket == Bucket.HOUR ? config.maxHourBucketDays() : config.maxDayBucketDays();
        TimeRange range = TimeRange.of(
                        asked.from(), asked.to(), clock.instant(), bucket.defaultRange(), bucket::floor, bucket::ceil)
                .requireAtMost(
                        maxDays,
                        "with bucket=" + bucket.wire() + " the range from 'from' to 'to' may span at most " + maxDays
                                + " days; ask for a shorter range" + (bucket == Bucket.HOUR ? " or bucket=day" : ""));
        StatsQuery query = asked.over(range.from(), range.to());
        return repository.count(query).map(buckets -> StatsReport.of(query, buckets));
    }
}
