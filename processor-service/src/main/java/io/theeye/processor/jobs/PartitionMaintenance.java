package io.theeye.processor.jobs;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.theeye.processor.config.ProcessorConfig;
import io.theeye.processor.storage.SchemaMigration;
import io.theeye.processor.storage.SchemaMigration.SchemaMigrated;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Keeps daily partitions of {@code events} ready ahead of time, and drops those past the
 * optional retention (and the identities of the events they held). The SQL function takes an
 * advisory lock, so replicas never collide.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);

    private final Pool pool;
    private final SchemaMigration migration;
    private final ProcessorConfig config;

    PartitionMaintenance(Pool pool, SchemaMigration migration, ProcessorConfig config) {
        this.pool = pool;
        this.migration = migration;
        this.config = config;
    }

    void afterMigration(@Observes SchemaMigrated event) {
        maintain().await().indefinitely();
    }

    /** Creates missing partitions from yesterday to days-ahead, then applies retention. */
    @Scheduled(
            every = "1h",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> maintain() {
        if (!migration.isDone()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return pool.preparedQuery(
                        "SELECT ensure_events_partition(d::date) FROM generate_series($1::date, $2::date, '1 day') d")
                .execute(Tuple.of(
                        today.minusDays(1), today.plusDays(config.partitions().daysAhead())))
                .chain(() -> dropExpired(today))
                // The per-minute arrival counts serve the last hour and day; eight days is plenty.
                .chain(() -> pool.query("DELETE FROM event_counts_arrival WHERE minute < now() - interval '8 days'")
                        .execute())
                .onFailure()
                .invoke(failure ->
                        LOG.warnf("partition maintenance failed, next run retries: %s", failure.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> dropExpired(LocalDate today) {
        if (config.partitions().retention().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate cutoff = today.minusDays(config.partitions().retention().get().toDays());
        return pool.preparedQuery("SELECT drop_events_partitions_before($1::date) AS dropped")
                .execute(Tuple.of(cutoff))
                .invoke(rows -> {
                    for (Row row : rows) {
                        if (row.getInteger("dropped") > 0) {
                            LOG.infof("dropped %d partitions of events before %s", row.getInteger("dropped"), cutoff);
                        }
                    }
                })
                // Identities are remembered as long as events are kept: a copy arriving later than
                // the retention after the first would be stored again.
                .chain(() -> pool.preparedQuery("DELETE FROM event_ids WHERE recorded_at < $1")
                        .execute(Tuple.of(cutoff.atStartOfDay().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
