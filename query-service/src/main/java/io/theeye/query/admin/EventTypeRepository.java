package io.theeye.query.admin;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The event-type registry's versions, through Hibernate Reactive with Panache. */
@ApplicationScoped
public class EventTypeRepository implements PanacheRepositoryBase<EventTypeVersion, EventTypeVersion.Key> {

    /** Every version of every type, by type and then newest version first. */
    Uni<List<EventTypeVersion>> everyVersion() {
        return listAll(Sort.ascending("category", "name").and("version", Sort.Direction.Descending));
    }

    /** A type's versions, newest first. */
    Uni<List<EventTypeVersion>> versionsOf(String category, String name) {
        return list("category = ?1 and name = ?2", Sort.descending("version"), category, name);
    }
}
