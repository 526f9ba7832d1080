package io.theeye.query.admin;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.theeye.contract.ApplicationKeys;
import io.theeye.contract.StoredTimes;
import io.theeye.query.config.QueryConfig;
import io.theeye.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Registers applications, disables them and rotates their keys, each in one transaction. A key
 * is shown once, when it is made; ingest picks key changes up within its refresh interval.
 */
@ApplicationScoped
public class ApplicationAdminService {

    private final ApplicationRepository applications;
    private final ApplicationKeyRepository keys;
    private final Duration rotationOverlap;

    ApplicationAdminService(ApplicationRepository applications, ApplicationKeyRepository keys, QueryConfig config) {
        this.applications = applications;
        this.keys = keys;
        this.rotationOverlap = config.admin().keyRotationOverlap();
    }

    /** A new application with its first key; the name must be free. */
    @WithTransaction
    public Uni<IssuedKey> register(String name) {
        Instant now = StoredTimes.now();
        return applications.nameTaken(name).chain(taken -> {
            if (taken) {
                throw ProblemException.conflict("an application named '" + name + "' exists already");
            }
            Application application = Application.register(name, now);
            String key = ApplicationKeys.generate();
            return applications
                    .persist(application)
                    .chain(() -> keys.persist(ApplicationKey.of(key, application.getId(), now)))
                    .map(stored -> new IssuedKey(application.getId(), name, key, stored.getKeyPrefix(), now, null));
        });
    }

    /** Every application, by name, with its keys' prefixes and lifetimes. */
    @WithSession
    public Uni<List<ApplicationView>> list() {
        Instant now = StoredTimes.now();
        return applications
                .listAll(Sort.ascending("name"))
                .chain(all -> keys.all().map(every -> {
                    Map<UUID, List<ApplicationKey>> byApplication =
                            every.stream().collect(Collectors.groupingBy(ApplicationKey::getApplicationId));
                    return all.stream()
                            .map(application -> ApplicationView.of(
                                    application, byApplication.getOrDefault(application.getId(), List.of()), now))
                            .toList();
                }));
    }

    /** One application. */
    @WithSession
    public Uni<ApplicationView> show(UUID id) {
        return existing(id).chain(this::view);
    }

    /** Disables the application: ingest refuses its keys from its next refresh on. Idempotent. */
    @WithTransaction
    public Uni<ApplicationView> disable(UUID id) {
        Instant now = StoredTimes.now();
        return existing(id).invoke(application -> application.disable(now)).chain(this::view);
    }

    /**
     * A new key for the application; its earlier keys keep working for the configured overlap
     * (never longer than they already would).
     */
    @WithTransaction
    public Uni<IssuedKey> rotateKey(UUID id) {
        Instant now = StoredTimes.now();
        Instant previousExpire = now.plus(rotationOverlap);
        return existing(id).chain(application -> {
            if (application.getDisabledAt() != null) {
                throw ProblemException.conflict("application " + id + " is disabled: it gets no new key");
            }
            String key = ApplicationKeys.generate();
            return keys.expireAllAt(id, previousExpire)
                    .chain(() -> keys.persist(ApplicationKey.of(key, id, now)))
                    .map(stored ->
                            new IssuedKey(id, application.getName(), key, stored.getKeyPrefix(), now, previousExpire));
        });
    }

    private Uni<Application> existing(UUID id) {
        return applications.findById(id).map(application -> {
            if (application == null) {
                throw ProblemException.notFound("no application " + id);
            }
            return application;
        });
    }

    private Uni<ApplicationView> view(Application application) {
        Instant now = StoredTimes.now();
        return keys.ofApplication(application.getId()).map(found -> ApplicationView.of(application, found, now));
    }
}
