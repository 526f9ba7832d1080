package io.theeye.query.service;

import io.smallrye.mutiny.Uni;
import io.theeye.query.storage.EventCursor;
import io.theeye.query.storage.EventFilter;
import io.theeye.query.storage.EventQueryRepository;
import io.theeye.query.storage.SessionSummary;
import io.theeye.query.storage.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Pages through events and session timelines. */
@ApplicationScoped
public class EventQueryService {

    private final EventQueryRepository repository;

    EventQueryService(EventQueryRepository repository) {
        this.repository = repository;
    }

    /** One page of the events the filter matches. */
    public Uni<Page<StoredEvent>> page(EventFilter filter, int limit) {
        return repository
                .find(filter, limit + 1)
                .map(rows -> Page.of(rows, limit, event -> event.cursor().encode()));
    }

    /**
     * A page of the session's timeline with the session's count and time span. A session has no
     * time bound, so every query of it probes each daily partition: when the first page holds the
     * whole session (the usual case), its summary is read off that page instead of asked again.
     */
    public Uni<SessionTimeline> timeline(UUID sessionId, EventCursor after, int limit) {
        EventFilter filter = new EventFilter(sessionId, null, null, null, null, null, after);
        if (after != null) {
            return Uni.combine()
                    .all()
                    .unis(repository.summarize(sessionId), page(filter, limit))
                    .with((summary, page) -> SessionTimeline.of(sessionId, summary, page));
        }
        return page(filter, limit)
                .flatMap(page -> page.nextCursor() == null
                        ? Uni.createFrom().item(SessionTimeline.of(sessionId, SessionSummary.of(page.events()), page))
                        : repository.summarize(sessionId).map(summary -> SessionTimeline.of(sessionId, summary, page)));
    }
}
