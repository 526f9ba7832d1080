package io.theeye.query.storage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Pages through events: asks for one row more than the page to know whether another follows. */
@ApplicationScoped
public class EventQueryService {

    /**
     * A page and where the next one starts.
     *
     * @param next null when this is the last page
     */
    public record Page(List<StoredEvent> events, EventCursor next) {}

    private final EventQueryRepository repository;

    EventQueryService(EventQueryRepository repository) {
        this.repository = repository;
    }

    public Uni<Page> page(EventFilter filter, int limit) {
        return repository.find(filter, limit + 1).map(rows -> {
            if (rows.size() <= limit) {
                return new Page(rows, null);
            }
            List<StoredEvent> page = rows.subList(0, limit);
            return new Page(List.copyOf(page), page.get(limit - 1).cursor());
        });
    }

    public Uni<SessionSummary> summarize(java.util.UUID sessionId) {
        return repository.summarize(sessionId);
    }
}
