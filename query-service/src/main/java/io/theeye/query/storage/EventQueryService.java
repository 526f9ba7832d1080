package io.theeye.query.storage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

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

    public Uni<SessionSummary> summarize(UUID sessionId) {
        return repository.summarize(sessionId);
    }

    /** A page of a session's timeline and the session's summary. */
    public record Timeline(SessionSummary summary, Page page) {}

    /**
     * A page of the session's timeline with the session's count and time span. A session has no
     * time bound, so every query of it probes each daily partition: when the first page holds the
     * whole session (the usual case), its summary is read off that page instead of asked again.
     */
    public Uni<Timeline> timeline(UUID sessionId, EventCursor after, int limit) {
        EventFilter filter = new EventFilter(sessionId, null, null, null, null, null, after);
        if (after != null) {
            return Uni.combine()
                    .all()
                    .unis(repository.summarize(sessionId), page(filter, limit))
                    .asTuple()
                    .map(both -> new Timeline(both.getItem1(), both.getItem2()));
        }
        return page(filter, limit).flatMap(page -> {
            if (page.next() != null) {
                return repository.summarize(sessionId).map(summary -> new Timeline(summary, page));
            }
            List<StoredEvent> events = page.events();
            SessionSummary summary = events.isEmpty()
                    ? new SessionSummary(sessionId, 0, null, null)
                    : new SessionSummary(
                            sessionId,
                            events.size(),
                            events.get(0).occurredAt(),
                            events.get(events.size() - 1).occurredAt());
            return Uni.createFrom().item(new Timeline(summary, page));
        });
    }
}
