package io.theeye.query.admin;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Application keys (hashes), through Hibernate Reactive with Panache. */
@ApplicationScoped
public class ApplicationKeyRepository implements PanacheRepositoryBase<ApplicationKey, String> {

    Uni<List<ApplicationKey>> ofApplication(UUID applicationId) {
        return list("applicationId", Sort.descending("createdAt"), applicationId);
    }

    Uni<List<ApplicationKey>> all() {
        return listAll(Sort.descending("createdAt"));
    }

    /** Makes every key of the application that would outlive {@code at} expire then; returns how many. */
    Uni<Integer> expireAllAt(UUID applicationId, Instant at) {
        return update(
                "expiresAt = ?1 where applicationId = ?2 and (expiresAt is null or expiresAt > ?1)", at, applicationId);
    }
}
