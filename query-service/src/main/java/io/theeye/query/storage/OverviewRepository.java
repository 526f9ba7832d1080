package io.theeye.query.storage;

import static io.theeye.contract.StoredTimes.instant;
import static io.theeye.contract.StoredTimes.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the overview reads: the processor's per-minute arrival counts ({@code event_counts_arrival},
 * primary key range scans), its data-quality incidents and the applications' names.
 */
@ApplicationScoped
public class OverviewRepository {

    private static final String SUMS = "coalesce(sum(events) FILTER (WHERE valid), 0)::bigint AS valid, "
            + "coalesce(sum(events) FILTER (WHERE NOT valid), 0)::bigint AS invalid, max(minute) AS last_minute";

    private final Pool pool;

    OverviewRepository(Pool pool) {
        this.pool = pool;
    }

    /** Events per minute of arrival over every application, in minute order; quiet minutes are absent. */
    public Uni<List<ArrivalCount>> perMinute(Instant from, Instant to) {
        return pool.preparedQuery(
                        "SELECT minute AS start, NULL::uuid AS application_id, " + SUMS
                                + " FROM event_counts_arrival WHERE minute >= $1 AND minute < $2 GROUP BY minute ORDER BY minute")
                .execute(Tuple.of(utc(from), utc(to)))
                .map(OverviewRepository::toCounts);
    }

    /** Events per application and hour of arrival, hours counted from {@code from}; quiet hours are absent. */
    public Uni<List<ArrivalCount>> perApplicationAndHour(Instant from, Instant to) {
        return pool.preparedQuery("SELECT date_bin('1 hour', minute, $1) AS start, application_id, " + SUMS
                        + " FROM event_counts_arrival WHERE minute >= $1 AND minute < $2"
                        + " GROUP BY 1, application_id ORDER BY 1, application_id")
                .execute(Tuple.of(utc(from), utc(to)))
                .map(OverviewRepository::toCounts);
    }

    /** Incidents open now or resolved since {@code since}: open ones first, newest first, at most {@code limit}. */
    public Uni<List<QualityIncident>> incidents(Instant since, int limit) {
        return pool.preparedQuery("SELECT q.id, q.kind, q.application_id, a.name, q.opened_at, q.closed_at, q.value, "
                        + "q.closed_value FROM quality_incidents q LEFT JOIN applications a ON a.id = q.application_id "
                        + "WHERE q.closed_at IS NULL OR q.closed_at >= $1 "
                        + "ORDER BY q.closed_at IS NULL DESC, q.opened_at DESC, q.id DESC LIMIT $2")
                .execute(Tuple.of(utc(since), limit))
                .map(rows -> {
                    List<QualityIncident> incidents = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        incidents.add(new QualityIncident(
                                row.getLong("id"),
                                row.getString("kind"),
                                row.getUUID("application_id"),
                                row.getString("name"),
                                instant(row.getOffsetDateTime("opened_at")),
                                instant(row.getOffsetDateTime("closed_at")),
                                row.getDouble("value"),
                                row.getDouble("closed_value")));
                    }
                    return incidents;
                });
    }

    /** Every registered application, by name. */
    public Uni<List<RegisteredApplication>> applications() {
        return pool.query("SELECT id, name, disabled_at IS NOT NULL AS disabled FROM applications ORDER BY name")
                .execute()
                .map(rows -> {
                    List<RegisteredApplication> applications = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        applications.add(new RegisteredApplication(
                                row.getUUID("id"), row.getString("name"), row.getBoolean("disabled")));
                    }
                    return applications;
                });
    }

    private static List<ArrivalCount> toCounts(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<ArrivalCount> counts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            counts.add(new ArrivalCount(
                    instant(row.getOffsetDateTime("start")),
                    row.getUUID("application_id"),
                    row.getLong("valid"),
                    row.getLong("invalid"),
                    instant(row.getOffsetDateTime("last_minute"))));
        }
        return counts;
    }
}
