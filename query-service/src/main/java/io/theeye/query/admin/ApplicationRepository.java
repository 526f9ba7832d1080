package io.theeye.query.admin;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Applications, through Hibernate Reactive with Panache. */
@ApplicationScoped
public class ApplicationRepository implements PanacheRepositoryBase<Application, UUID> {

    Uni<Boolean> nameTaken(String name) {
        return count("name", name).map(n -> n > 0);
    }
}
