package io.theeye.query.storage;

import static io.theeye.contract.StoredTimes.instant;
import static io.theeye.contract.StoredTimes.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads {@code invalid_events} with parameterized SQL: newest first on the asked clock, by keyset,
 * and the per-code and per-type summaries.
 */
@ApplicationScoped
public class InvalidEventRepository {

    private static final String COLUMNS =
            "event_id, application_id, received_at, validated_at, occurred_at, counted_at, category, name, "
                    + "error_codes, errors::text AS errors, payload::text AS payload, raw_text, replay_status, "
                    + "replayed_at";

    private final Pool pool;

    InvalidEventRepository(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} invalid events matching the filter, after its cursor. */
    public Uni<List<StoredInvalidEvent>> find(InvalidEventFilter filter, int limit) {
        SqlConditions where = where(filter);
        String at = filter.clock().column();
        InvalidEventCursor after = filter.after();
        if (after != null) {
            where.where("(" + at + ", event_id) < ($" + where.parameter(utc(after.at())) + ", $"
                    + where.parameter(after.eventId()) + ")");
        }
        String sql = "SELECT " + COLUMNS + ", " + at + " AS position_at FROM invalid_events" + where.sql()
                + " ORDER BY " + at + " DESC, event_id DESC LIMIT $" + where.parameter(limit);
        return pool.preparedQuery(sql).execute(where.args()).map(InvalidEventRepository::toEvents);
    }

    /** One invalid event by id. */
    public Uni<Optional<StoredInvalidEvent>> findById(UUID eventId) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", counted_at AS position_at FROM invalid_events "
                        + "WHERE event_id = $1")
                .execute(Tuple.of(eventId))
                .map(rows -> toEvents(rows).stream().findFirst());
    }

    /** How many invalid events match (each counted once, whatever its number of errors). */
    public Uni<Long> count(InvalidEventFilter filter) {
        SqlConditions where = where(filter);
        return pool.preparedQuery("SELECT count(*) AS events FROM invalid_events" + where.sql())
                .execute(where.args())
                .map(rows -> rows.iterator().next().getLong("events"));
    }

    /** Per error code: how many events have it, and the newest few of them. */
    public Uni<List<InvalidEventSummary.CodeCount>> countByCode(InvalidEventFilter filter, int samples) {
        SqlConditions where = where(filter);
        int k = where.parameter(samples);
        String sql = "SELECT code, count(*) AS events, "
                + "(array_agg(event_id ORDER BY recency) FILTER (WHERE recency <= $" + k + ")) AS samples "
                + "FROM (SELECT event_id, code, row_number() OVER (PARTITION BY code ORDER BY "
                + filter.clock().column() + " DESC, event_id DESC) AS recency "
                + "FROM invalid_events CROSS JOIN LATERAL unnest(error_codes) AS codes(code)" + where.sql()
                + ") ranked GROUP BY code ORDER BY events DESC, code";
        return pool.preparedQuery(sql).execute(where.args()).map(rows -> {
            List<InvalidEventSummary.CodeCount> counts = new ArrayList<>(rows.size());
            for (Row row : rows) {
                counts.add(new InvalidEventSummary.CodeCount(
                        row.getString("code"), row.getLong("events"), Arrays.asList(row.getArrayOfUUIDs("samples"))));
            }
            return counts;
        });
    }

    /** Per event type, most frequent first: how many events, and the newest few of them. */
    public Uni<List<InvalidEventSummary.TypeCount>> countByType(InvalidEventFilter filter, int samples, int types) {
        SqlConditions where = where(filter);
        int k = where.parameter(samples);
        int m = where.parameter(types);
        String sql = "SELECT category, name, count(*) AS events, "
                + "(array_agg(event_id ORDER BY recency) FILTER (WHERE recency <= $" + k + ")) AS samples "
                + "FROM (SELECT event_id, category, name, row_number() OVER (PARTITION BY category, name ORDER BY "
                + filter.clock().column() + " DESC, event_id DESC) AS recency FROM invalid_events" + where.sql()
                + ") ranked "
                + "GROUP BY category, name ORDER BY events DESC, category NULLS LAST, name NULLS LAST LIMIT $" + m;
        return pool.preparedQuery(sql).execute(where.args()).map(rows -> {
            List<InvalidEventSummary.TypeCount> counts = new ArrayList<>(rows.size());
            for (Row row : rows) {
                counts.add(new InvalidEventSummary.TypeCount(
                        row.getString("category"),
                        row.getString("name"),
                        row.getLong("events"),
                        Arrays.asList(row.getArrayOfUUIDs("samples"))));
            }
            return counts;
        });
    }

    private static SqlConditions where(InvalidEventFilter filter) {
        String at = filter.clock().column();
        SqlConditions where = new SqlConditions()
                .where("error_codes @> ARRAY[?::text]", filter.code())
                .where("application_id = ?", filter.applicationId())
                .where("category = ?", filter.category())
                .where("name = ?", filter.name())
                .where(at + " >= ?", utc(filter.from()))
                .where(at + " < ?", utc(filter.to()))
                .where("replay_status = ?", filter.replayStatus());
        return filter.stillInvalid() ? where.where("replay_status <> 'replayed'") : where;
    }

    private static List<StoredInvalidEvent> toEvents(RowSet<Row> rows) {
        List<StoredInvalidEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(new StoredInvalidEvent(
                    row.getUUID("event_id"),
                    row.getUUID("application_id"),
                    instant(row.getOffsetDateTime("received_at")),
                    instant(row.getOffsetDateTime("validated_at")),
                    instant(row.getOffsetDateTime("occurred_at")),
                    instant(row.getOffsetDateTime("counted_at")),
                    row.getString("category"),
                    row.getString("name"),
                    Arrays.asList(row.getArrayOfStrings("error_codes")),
                    row.getString("errors"),
                    row.getString("payload"),
                    row.getString("raw_text"),
                    row.getString("replay_status"),
                    instant(row.getOffsetDateTime("replayed_at")),
                    instant(row.getOffsetDateTime("position_at"))));
        }
        return events;
    }
}
