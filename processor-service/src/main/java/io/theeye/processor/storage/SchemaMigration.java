package io.theeye.processor.storage;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Applies the schema module's Flyway migrations at start, retrying in the background until
 * PostgreSQL is reachable: the service starts in any order and is not ready until this is done.
 * Flyway's lock on PostgreSQL makes concurrent replicas safe and each migration run once.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Instance<Flyway> flyway;
    private final jakarta.enterprise.event.Event<SchemaMigrated> migrated;
    private volatile boolean done;
    private volatile boolean stopping;

    SchemaMigration(Instance<Flyway> flyway, jakarta.enterprise.event.Event<SchemaMigrated> migrated) {
        this.flyway = flyway;
        this.migrated = migrated;
    }

    void onStart(@Observes StartupEvent event) {
        Thread migrator = new Thread(this::migrateUntilDone, "schema-migration");
        migrator.setDaemon(true);
        migrator.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Fired once the schema is current, so jobs that need it can run at once. */
    public record SchemaMigrated() {}

    /** True once the schema is at the newest version. */
    public boolean isDone() {
        return done;
    }

    private void migrateUntilDone() {
        long backoff = 250;
        while (!stopping) {
            try {
                var result = flyway.get().migrate();
                LOG.infof(
                        "schema at version %s (%d migrations applied now)",
                        result.targetSchemaVersion, result.migrationsExecuted);
                done = true;
                migrated.fire(new SchemaMigrated());
                return;
            } catch (RuntimeException e) {
                LOG.warnf("schema not migrated yet, retrying in %d ms: %s", backoff, rootMessage(e));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
