package io.theeye.processor.quality;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Measures each enabled application's invalid share and last event, in one index-friendly query. */
@ApplicationScoped
public class SignalRepository {

    /**
     * One row per enabled application. Each LATERAL subquery is driven by the application's id, so
     * it is an index range scan ({@code events_application_idx}, {@code invalid_events_application_idx})
     * over only the partitions the time bounds leave (now() is stable: runtime pruning). The upper
     * bound on occurred_at is the future tolerance, the latest time a valid event can carry.
     * $1 = window, $2 = future tolerance, $3 = lookback, all in seconds.
     */
    static final String SIGNALS = """
            SELECT a.id, a.name, valid.n AS valid, invalid.n AS invalid,
                   extract(epoch FROM now() - greatest(last_valid.at, last_invalid.at))::float8 AS seconds_since_last,
                   EXISTS (SELECT 1 FROM quality_incidents q
                           WHERE q.application_id = a.id AND q.kind = 'silent' AND q.closed_at IS NULL) AS silent_open
            FROM applications a
            CROSS JOIN LATERAL (
                SELECT count(*) AS n FROM events e
                WHERE e.application_id = a.id
                  AND e.occurred_at >= now() - make_interval(secs => $1)
                  AND e.occurred_at <= now() + make_interval(secs => $2)) valid
            CROSS JOIN LATERAL (
                SELECT count(*) AS n FROM invalid_events i
                WHERE i.application_id = a.id AND i.received_at >= now() - make_interval(secs => $1)) invalid
            CROSS JOIN LATERAL (
                SELECT max(e.occurred_at) AS at FROM events e
                WHERE e.application_id = a.id
                  AND e.occurred_at >= now() - make_interval(secs => $3)
                  AND e.occurred_at <= now() + make_interval(secs => $2)) last_valid
            CROSS JOIN LATERAL (
                SELECT max(i.received_at) AS at FROM invalid_events i
                WHERE i.application_id = a.id AND i.received_at >= now() - make_interval(secs => $3)) last_invalid
            WHERE a.disabled_at IS NULL
            ORDER BY a.id
            """;

    /** The signals of every enabled application, as of the client's transaction start. */
    public Uni<List<ApplicationSignals>> load(SqlClient client, Duration window, Duration futureTolerance) {
        return client.preparedQuery(SIGNALS)
                .execute(Tuple.of(seconds(window), seconds(futureTolerance), seconds(QualityThresholds.LOOKBACK)))
                .map(rows -> {
                    List<ApplicationSignals> signals = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        signals.add(new ApplicationSignals(
                                row.getUUID("id"),
                                row.getString("name"),
                                row.getLong("valid"),
                                row.getLong("invalid"),
                                row.getDouble("seconds_since_last"),
                                row.getBoolean("silent_open")));
                    }
                    return signals;
                });
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
