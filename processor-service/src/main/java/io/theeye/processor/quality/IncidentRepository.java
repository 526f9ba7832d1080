package io.theeye.processor.quality;

import io.smallrye.mutiny.Uni;
import io.theeye.contract.StoredTimes;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The incidents in {@code quality_incidents} and which webhook accepted which notice. Every method
 * runs in the caller's transaction, which holds the check's advisory lock.
 */
@ApplicationScoped
public class IncidentRepository {

    /** One replica at a time opens, resolves and notifies; the lock ends with the transaction. */
    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('eye.quality.check')) AS locked";

    /** The partial unique index makes opening an open incident a no-op. */
    static final String OPEN = """
            INSERT INTO quality_incidents (application_id, kind, opened_at, value)
            SELECT t.application_id, t.kind, now(), t.value
            FROM unnest($1::uuid[], $2::text[], $3::float8[]) AS t(application_id, kind, value)
            ON CONFLICT (application_id, kind) WHERE closed_at IS NULL DO NOTHING
            RETURNING application_id, kind, value
            """;

    static final String RESOLVE = """
            UPDATE quality_incidents q SET closed_at = now(), closed_value = t.value
            FROM unnest($1::uuid[], $2::text[], $3::float8[]) AS t(application_id, kind, value)
            WHERE q.application_id = t.application_id AND q.kind = t.kind AND q.closed_at IS NULL
            RETURNING q.application_id, q.kind, t.value
            """;

    /** A disabled application is no longer watched: its open incidents end without a measured value. */
    static final String CLOSE_DISABLED = """
            UPDATE quality_incidents q SET closed_at = now()
            WHERE q.closed_at IS NULL
              AND EXISTS (SELECT 1 FROM applications a WHERE a.id = q.application_id AND a.disabled_at IS NOT NULL)
            RETURNING q.application_id, q.kind, NULL::float8 AS value
            """;

    /** Incidents with a notice not yet accepted by every webhook, oldest first, with who accepted what. */
    static final String PENDING = """
            SELECT q.id, q.application_id, a.name, a.disabled_at IS NOT NULL AS disabled, q.kind,
                   q.opened_at, q.closed_at, q.value, q.closed_value,
                   q.opened_notified_at IS NOT NULL AS opened_notified,
                   coalesce((SELECT array_agg(d.target) FROM quality_notice_deliveries d
                             WHERE d.incident_id = q.id AND d.state = 'opened'), '{}') AS opened_accepted,
                   coalesce((SELECT array_agg(d.target) FROM quality_notice_deliveries d
                             WHERE d.incident_id = q.id AND d.state = 'resolved'), '{}') AS resolved_accepted
            FROM quality_incidents q
            JOIN applications a ON a.id = q.application_id
            WHERE q.opened_notified_at IS NULL OR (q.closed_at IS NOT NULL AND q.closed_notified_at IS NULL)
            ORDER BY q.id
            LIMIT $1
            """;

    static final String RECORD_ACCEPTED = """
            INSERT INTO quality_notice_deliveries (incident_id, state, target)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])
            ON CONFLICT DO NOTHING
            """;

    static final String MARK_OPENED_NOTIFIED =
            "UPDATE quality_incidents SET opened_notified_at = now() WHERE id = ANY($1::bigint[]) AND opened_notified_at IS NULL";

    static final String MARK_RESOLVED_NOTIFIED = "UPDATE quality_incidents SET closed_notified_at = now() "
            + "WHERE id = ANY($1::bigint[]) AND closed_at IS NOT NULL AND closed_notified_at IS NULL";

    /**
     * An incident to open or resolve, with the value measured now.
     *
     * @param value the invalid share, or the seconds since the last event; null when not measured
     */
    public record Change(UUID applicationId, IncidentKind kind, Double value) {}

    /**
     * An incident that still owes a notice.
     *
     * @param applicationDisabled whether it was closed because its application was disabled
     * @param openedNotified whether every webhook accepted the opening notice
     * @param openedAccepted the webhooks (by id) that accepted the opening notice
     * @param resolvedAccepted the webhooks (by id) that accepted the recovery notice
     */
    public record PendingIncident(
            long id,
            UUID applicationId,
            String applicationName,
            boolean applicationDisabled,
            IncidentKind kind,
            Instant openedAt,
            Instant closedAt,
            double value,
            Double closedValue,
            boolean openedNotified,
            Set<String> openedAccepted,
            Set<String> resolvedAccepted) {

        public boolean isClosed() {
            return closedAt != null;
        }
    }

    /** A notice a webhook accepted. */
    public record Accepted(long incidentId, QualityNotice.State state, String target) {}

    /** True when this transaction got the lock; false when another replica is running the check. */
    public Uni<Boolean> tryLock(SqlClient client) {
        return client.query(TRY_LOCK)
                .execute()
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    /** Opens what is not open yet; returns the incidents really opened. */
    public Uni<List<Change>> open(SqlClient client, List<Change> changes) {
        return apply(client, OPEN, changes);
    }

    /** Resolves what is open; returns the incidents really resolved. */
    public Uni<List<Change>> resolve(SqlClient client, List<Change> changes) {
        return apply(client, RESOLVE, changes);
    }

    /** Closes the open incidents of disabled applications. */
    public Uni<List<Change>> closeDisabled(SqlClient client) {
        return client.query(CLOSE_DISABLED).execute().map(IncidentRepository::changes);
    }

    /** Up to {@code limit} incidents that owe a notice. */
    public Uni<List<PendingIncident>> pending(SqlClient client, int limit) {
        return client.preparedQuery(PENDING).execute(Tuple.of(limit)).map(rows -> {
            List<PendingIncident> pending = new ArrayList<>(rows.size());
            for (Row row : rows) {
                pending.add(new PendingIncident(
                        row.getLong("id"),
                        row.getUUID("application_id"),
                        row.getString("name"),
                        row.getBoolean("disabled"),
                        IncidentKind.fromWire(row.getString("kind")),
                        StoredTimes.instant(row.getOffsetDateTime("opened_at")),
                        StoredTimes.instant(row.getOffsetDateTime("closed_at")),
                        row.getDouble("value"),
                        row.getDouble("closed_value"),
                        row.getBoolean("opened_notified"),
                        Set.of(row.getArrayOfStrings("opened_accepted")),
                        Set.of(row.getArrayOfStrings("resolved_accepted"))));
            }
            return pending;
        });
    }

    /**
     * Records what the webhooks accepted, and marks a transition notified once every webhook has it,
     * so that it is never sent again.
     */
    public Uni<Void> recordDeliveries(
            SqlClient client, List<Accepted> accepted, List<Long> openedComplete, List<Long> resolvedComplete) {
        Uni<Void> recorded = Uni.createFrom().voidItem();
        if (!accepted.isEmpty()) {
            Long[] ids = new Long[accepted.size()];
            String[] states = new String[accepted.size()];
            String[] targets = new String[accepted.size()];
            for (int i = 0; i < accepted.size(); i++) {
                ids[i] = accepted.get(i).incidentId();
                states[i] = accepted.get(i).state().wire();
                targets[i] = accepted.get(i).target();
            }
            recorded = client.preparedQuery(RECORD_ACCEPTED)
                    .execute(Tuple.of(ids, states, targets))
                    .replaceWithVoid();
        }
        return recorded.chain(() -> mark(client, MARK_OPENED_NOTIFIED, openedComplete))
                .chain(() -> mark(client, MARK_RESOLVED_NOTIFIED, resolvedComplete));
    }

    private static Uni<Void> mark(SqlClient client, String sql, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery(sql)
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    private static Uni<List<Change>> apply(SqlClient client, String sql, List<Change> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID[] applications = new UUID[changes.size()];
        String[] kinds = new String[changes.size()];
        Double[] values = new Double[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            applications[i] = changes.get(i).applicationId();
            kinds[i] = changes.get(i).kind().wire();
            values[i] = changes.get(i).value();
        }
        return client.preparedQuery(sql)
                .execute(Tuple.of(applications, kinds, values))
                .map(IncidentRepository::changes);
    }

    private static List<Change> changes(RowSet<Row> rows) {
        List<Change> changes = new ArrayList<>(rows.size());
        for (Row row : rows) {
            changes.add(new Change(
                    row.getUUID("application_id"), IncidentKind.fromWire(row.getString("kind")), row.getDouble(2)));
        }
        return changes;
    }
}
