package io.theeye.query.storage;

import io.smallrye.mutiny.Uni;
import io.theeye.query.config.QueryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Pages through invalid events and summarizes them for error monitoring. */
@ApplicationScoped
public class InvalidEventQueryService {

    /**
     * A page and where the next one starts.
     *
     * @param next null when this is the last page
     */
    public record Page(List<StoredInvalidEvent> events, InvalidEventCursor next) {}

    private final InvalidEventRepository repository;
    private final QueryConfig.Invalid config;

    InvalidEventQueryService(InvalidEventRepository repository, QueryConfig config) {
        this.repository = repository;
        this.config = config.invalid();
    }

    /** One page: asks for one row more than the page to know whether another follows. */
    public Uni<Page> page(InvalidEventFilter filter, int limit) {
        return repository.find(filter, limit + 1).map(rows -> {
            if (rows.size() <= limit) {
                return new Page(rows, null);
            }
            List<StoredInvalidEvent> page = rows.subList(0, limit);
            return new Page(List.copyOf(page), page.get(limit - 1).cursor());
        });
    }

    public Uni<Optional<StoredInvalidEvent>> find(UUID eventId) {
        return repository.findById(eventId);
    }

    /** Counts by code and by event type over a range, with the newest sample ids of each. */
    public Uni<InvalidEventSummary> summarize(InvalidEventFilter filter) {
        return Uni.combine()
                .all()
                .unis(
                        repository.count(filter),
                        repository.countByCode(filter, config.summarySamples()),
                        repository.countByType(filter, config.summarySamples(), config.summaryMaxEventTypes()))
                .with((total, byCode, byType) -> summary(filter.from(), filter.to(), total, byCode, byType));
    }

    private static InvalidEventSummary summary(
            Instant from,
            Instant to,
            long total,
            List<InvalidEventSummary.CodeCount> byCode,
            List<InvalidEventSummary.TypeCount> byType) {
        return new InvalidEventSummary(from, to, total, byCode, byType);
    }
}
