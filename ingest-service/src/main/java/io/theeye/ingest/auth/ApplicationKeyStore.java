package io.theeye.ingest.auth;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.theeye.contract.ApplicationKeys;
import io.theeye.contract.StoredTimes;
import io.theeye.service.logging.OutageLog;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The application keys, in memory. The hot path looks keys up here and never waits on PostgreSQL;
 * a background refresh replaces the whole set, and a failed refresh keeps the last good one.
 * A known key is hashed once per loaded set, not once per request. While PostgreSQL is away ingest
 * keeps serving from the last set; how old it is shows in {@code eye_ingest_keys_age_seconds}.
 */
@ApplicationScoped
public class ApplicationKeyStore {

    private static final Logger LOG = Logger.getLogger(ApplicationKeyStore.class);

    /** One key as loaded: whose it is and until when it works. */
    record KeyGrant(UUID applicationId, Instant expiresAt, Instant disabledAt) {
        boolean validAt(Instant now) {
            return disabledAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    /**
     * One loaded set: the grants by stored hash, and the grants of keys already presented. Only
     * keys that are in the set are remembered, so unknown keys (guesses, attacks) cannot grow it;
     * a refresh starts a new set, so a disabled or removed key stops working at the next refresh,
     * as before.
     */
    private record KeySet(Map<String, KeyGrant> byHash, Map<String, KeyGrant> byPresentedKey) {
        KeySet(Map<String, KeyGrant> byHash) {
            this(byHash, new ConcurrentHashMap<>());
        }

        KeyGrant find(String presentedKey) {
            KeyGrant grant = byPresentedKey.get(presentedKey);
            if (grant == null) {
                grant = byHash.get(ApplicationKeys.hash(presentedKey));
                if (grant != null) {
                    byPresentedKey.put(presentedKey, grant);
                }
            }
            return grant;
        }
    }

    private final Pool pool;
    private volatile KeySet keySet = new KeySet(Map.of());
    private volatile Instant loadedAt;
    private final OutageLog refreshes = new OutageLog(LOG);

    ApplicationKeyStore(Pool pool, MeterRegistry metrics) {
        this.pool = pool;
        Gauge.builder("eye.ingest.keys.age", this, ApplicationKeyStore::ageSeconds)
                .description(
                        "Seconds since the application keys were last read from PostgreSQL (-1 before the first read)")
                .baseUnit("seconds")
                .register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        refresh().subscribe().with(ignored -> {}, failure -> {});
    }

    /** Reloads every key; on failure the previous set stays in force. */
    @Scheduled(
            every = "${eye.ingest.keys.refresh-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> refresh() {
        return pool.query("SELECT k.key_hash, k.application_id, k.expires_at, a.disabled_at "
                        + "FROM application_keys k JOIN applications a ON a.id = k.application_id")
                .execute()
                .invoke(rows -> {
                    Map<String, KeyGrant> next = new HashMap<>();
                    for (Row row : rows) {
                        next.put(
                                row.getString("key_hash"),
                                new KeyGrant(
                                        row.getUUID("application_id"),
                                        StoredTimes.instant(row.getOffsetDateTime("expires_at")),
                                        StoredTimes.instant(row.getOffsetDateTime("disabled_at"))));
                    }
                    keySet = new KeySet(Map.copyOf(next));
                    loadedAt = Instant.now();
                    refreshes.worked("application keys reloaded (%d keys)", next.size());
                })
                .onFailure()
                .invoke(failure -> refreshes.failed(
                        "could not reload application keys, keeping the last set: %s", failure.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** The application a presented key belongs to, if the key is known and in force now. */
    public Optional<UUID> authenticate(String presentedKey, Instant now) {
        if (presentedKey == null || !presentedKey.startsWith(ApplicationKeys.PREFIX) || presentedKey.length() > 128) {
            return Optional.empty();
        }
        KeyGrant grant = keySet.find(presentedKey);
        return grant != null && grant.validAt(now) ? Optional.of(grant.applicationId()) : Optional.empty();
    }

    /** True once the key set has been loaded at least once. */
    public boolean isLoaded() {
        return loadedAt != null;
    }

    private double ageSeconds() {
        Instant at = loadedAt;
        return at == null ? -1 : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }
}
