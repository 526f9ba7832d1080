package io.theeye.query.service;

import io.smallrye.mutiny.Uni;
import io.theeye.query.config.QueryConfig;
import io.theeye.query.storage.CountingClock;
import io.theeye.query.storage.InvalidEventFilter;
import io.theeye.query.storage.InvalidEventRepository;
import io.theeye.query.storage.InvalidEventSummary;
import io.theeye.query.storage.StatsQuery.Bucket;
import io.theeye.query.storage.StoredInvalidEvent;
import io.theeye.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Pages through invalid events and summarizes them for error monitoring. */
@ApplicationScoped
public class InvalidEventQueryService {

    private final InvalidEventRepository repository;
    private final QueryConfig.Invalid config;
    private final Clock clock = Clock.systemUTC();

    InvalidEventQueryService(InvalidEventRepository repository, QueryConfig config) {
        this.repository = repository;
        this.config = config.invalid();
    }

    /** One page of the invalid events the filter matches, newest first. */
    public Uni<Page<StoredInvalidEvent>> page(InvalidEventFilter filter, int limit) {
        return repository
                .find(filter, limit + 1)
                .map(rows -> Page.of(rows, limit, event -> event.cursor().encode()));
    }

    /** One invalid event; 404 when there is none with this id. */
    public Uni<StoredInvalidEvent> find(UUID eventId) {
        return repository
                .findById(eventId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("no invalid event " + eventId)));
    }

    /**
     * Counts by code and by event type over a range on the given clock (by default the last 24
     * hours, at most the configured days), with the newest sample ids of each. On the event-time
     * clock the range is widened to whole hours, as {@code /v1/stats} widens it: the totals of the
     * two agree for the same asked range.
     */
    public Uni<InvalidEventSummary> summarize(
            UUID applicationId,
            String category,
            String name,
            CountingClock countingClock,
            Instant askedFrom,
            Instant askedTo) {
        int maxDays = config.summaryMaxDays();
        boolean hourly = countingClock == CountingClock.EVENT;
        TimeRange range = TimeRange.of(
                        askedFrom,
                        askedTo,
                        clock.instant(),
                        Duration.ofHours(24),
                        hourly ? Bucket.HOUR::floor : UnaryOperator.identity(),
                        hourly ? Bucket.HOUR::ceil : UnaryOperator.identity())
                .requireAtMost(maxDays, "the range from 'from' to 'to' may span at most " + maxDays + " days");
        InvalidEventFilter filter =
                InvalidEventFilter.summary(applicationId, category, name, countingClock, range.from(), range.to());
        return Uni.combine()
                .all()
                .unis(
                        repository.count(filter),
                        repository.countByCode(filter, config.summarySamples()),
                        repository.countByType(filter, config.summarySamples(), config.summaryMaxEventTypes()))
                .with((total, byCode, byType) ->
                        new InvalidEventSummary(range.from(), range.to(), countingClock.wire(), total, byCode, byType));
    }
}
