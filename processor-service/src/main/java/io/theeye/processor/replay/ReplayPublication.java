package io.theeye.processor.replay;

import static io.theeye.contract.StoredTimes.instant;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.theeye.contract.ValidEventRecord;
import io.theeye.processor.messaging.ValidEventPublisher;
import io.theeye.processor.storage.SchemaMigration;
import io.theeye.processor.validation.ValidEvent;
import io.theeye.service.logging.OutageLog;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Replayed events reach {@code eye.events.valid} at least once, like every stored valid event. A
 * replay publishes what it moved once its transaction committed, then records that it did
 * ({@code invalid_events.valid_published_at}); a replay cut short in between (a crash, Kafka away)
 * leaves events that were stored and never recorded as published, and the scheduled sweep
 * publishes them. Nothing is published before it is stored; a copy may repeat, with its identity.
 */
@ApplicationScoped
public class ReplayPublication {

    private static final Logger LOG = Logger.getLogger(ReplayPublication.class);
    private static final int SWEEP_LIMIT = 1_000;

    private static final String UNPUBLISHED = """
            SELECT e.event_id, e.application_id, e.session_id, e.category, e.name, e.data::text AS data,
                   e.occurred_at, e.corrected_at, e.received_at, e.schema_version, e.kafka_partition, e.kafka_offset
            FROM invalid_events i JOIN events e ON e.application_id = i.application_id AND e.event_id = i.event_id
            WHERE i.replay_status = 'replayed' AND i.valid_published_at IS NULL AND i.replayed_at < now() - make_interval(secs => $1)
            ORDER BY i.replayed_at
            LIMIT $2
            """;

    private static final String MARK_PUBLISHED = """
            UPDATE invalid_events i SET valid_published_at = now()
            FROM unnest($1::uuid[], $2::uuid[]) AS p(application_id, event_id)
            WHERE i.application_id = p.application_id AND i.event_id = p.event_id
            """;

    private final Pool pool;
    private final ValidEventPublisher publisher;
    private final SchemaMigration migration;
    private final Duration grace;
    private final OutageLog failures = new OutageLog(LOG);

    ReplayPublication(
            Pool pool,
            ValidEventPublisher publisher,
            SchemaMigration migration,
            @ConfigProperty(name = "eye.replay.publication-grace", defaultValue = "1m") Duration grace) {
        this.pool = pool;
        this.publisher = publisher;
        this.migration = migration;
        this.grace = grace;
    }

    /** Publishes events a replay has just stored and records it; fails if either fails (the sweep repeats it). */
    public Uni<Void> publishMoved(List<ValidEvent> moved) {
        if (moved.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return publisher
                .publish(moved)
                .chain(() -> markPublished(moved.stream()
                        .map(e -> new UUID[] {e.applicationId(), e.eventId()})
                        .toList()));
    }

    /**
     * Publishes replayed events that were never recorded as published, at most {@value #SWEEP_LIMIT}
     * a run, oldest first; events replayed within the grace are left to their replay.
     */
    @Scheduled(
            every = "${eye.replay.publication-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        if (!migration.isDone()) {
            return Uni.createFrom().voidItem();
        }
        return sweepNow()
                .invoke(published -> {
                    failures.worked("publishing replayed events works again");
                    if (published > 0) {
                        LOG.infof("published %d replayed events that their replay had not", published);
                    }
                })
                .onFailure()
                .invoke(failure -> failures.failed(
                        "publishing replayed events failed; the sweep runs again at its next interval: %s", failure))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** One sweep; answers how many events it published. */
    Uni<Integer> sweepNow() {
        return pool.preparedQuery(UNPUBLISHED)
                .execute(Tuple.of(grace.toMillis() / 1000.0, SWEEP_LIMIT))
                .chain(rows -> {
                    List<ValidEventRecord> records = new ArrayList<>(rows.size());
                    List<UUID[]> identities = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        records.add(record(row));
                        identities.add(new UUID[] {row.getUUID("application_id"), row.getUUID("event_id")});
                    }
                    if (records.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return publisher
                            .publishRecords(records)
                            .chain(() -> markPublished(identities))
                            .replaceWith(records.size());
                });
    }

    private Uni<Void> markPublished(List<UUID[]> identities) {
        UUID[] applications = identities.stream().map(i -> i[0]).toArray(UUID[]::new);
        UUID[] events = identities.stream().map(i -> i[1]).toArray(UUID[]::new);
        return pool.preparedQuery(MARK_PUBLISHED)
                .execute(Tuple.of(applications, events))
                .replaceWithVoid();
    }

    private static ValidEventRecord record(Row row) {
        return ValidEventRecord.of(
                row.getUUID("event_id"),
                row.getUUID("application_id"),
                row.getUUID("session_id"),
                row.getString("category"),
                row.getString("name"),
                row.getString("data"),
                instant(row.getOffsetDateTime("occurred_at")),
                instant(row.getOffsetDateTime("corrected_at")),
                instant(row.getOffsetDateTime("received_at")),
                row.getInteger("schema_version"),
                row.getInteger("kafka_partition"),
                row.getLong("kafka_offset"));
    }
}
