package io.theeye.query.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads {@code invalid_events} with parameterized SQL: newest arrival first, by keyset, and the
 * per-code and per-type summaries.
 */
@ApplicationScoped
public class InvalidEventRepository {

    /** When the event arrived; a record that was not even an envelope has only its validation time. */
    static final String SEEN_AT = "coalesce(received_at, validated_at)";

    private static final String COLUMNS =
            "event_id, application_id, received_at, validated_at, occurred_at, category, name, error_codes, "
                    + "errors::text AS errors, payload::text AS payload, raw_text, replay_status, replayed_at, "
                    + SEEN_AT + " AS seen_at";

    private final Pool pool;

    InvalidEventRepository(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} invalid events matching the filter, after its cursor. */
    public Uni<List<StoredInvalidEvent>> find(InvalidEventFilter filter, int limit) {
        Where where = where(filter);
        if (filter.after() != null) {
            int time = where.add(utc(filter.after().seenAt()));
            int id = where.add(filter.after().eventId());
            where.conditions.add("(" + SEEN_AT + ", event_id) < ($" + time + ", $" + id + ")");
        }
        int n = where.add(limit);
        String sql = "SELECT " + COLUMNS + " FROM invalid_events" + where.sql() + " ORDER BY " + SEEN_AT
                + " DESC, event_id DESC LIMIT $" + n;
        return pool.preparedQuery(sql).execute(Tuple.from(where.args)).map(InvalidEventRepository::toEvents);
    }

    /** One invalid event by id. */
    public Uni<Optional<StoredInvalidEvent>> findById(UUID eventId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM invalid_events WHERE event_id = $1")
                .execute(Tuple.of(eventId))
                .map(rows -> toEvents(rows).stream().findFirst());
    }

    /** How many invalid events match (each counted once, whatever its number of errors). */
    public Uni<Long> count(InvalidEventFilter filter) {
        Where where = where(filter);
        return pool.preparedQuery("SELECT count(*) AS events FROM invalid_events" + where.sql())
                .execute(Tuple.from(where.args))
                .map(rows -> rows.iterator().next().getLong("events"));
    }

    /** Per error code: how many events have it, and the newest few of them. */
    public Uni<List<InvalidEventSummary.CodeCount>> countByCode(InvalidEventFilter filter, int samples) {
        Where where = where(filter);
        int k = where.add(samples);
        String sql = "SELECT code, count(*) AS events, "
                + "(array_agg(event_id ORDER BY recency) FILTER (WHERE recency <= $" + k + ")) AS samples "
                + "FROM (SELECT event_id, code, row_number() OVER (PARTITION BY code ORDER BY " + SEEN_AT
                + " DESC, event_id DESC) AS recency "
                + "FROM invalid_events CROSS JOIN LATERAL unnest(error_codes) AS codes(code)" + where.sql()
                + ") ranked GROUP BY code ORDER BY events DESC, code";
        return pool.preparedQuery(sql).execute(Tuple.from(where.args)).map(rows -> {
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
        Where where = where(filter);
        int k = where.add(samples);
        int m = where.add(types);
        String sql = "SELECT category, name, count(*) AS events, "
                + "(array_agg(event_id ORDER BY recency) FILTER (WHERE recency <= $" + k + ")) AS samples "
                + "FROM (SELECT event_id, category, name, row_number() OVER (PARTITION BY category, name ORDER BY "
                + SEEN_AT + " DESC, event_id DESC) AS recency FROM invalid_events" + where.sql() + ") ranked "
                + "GROUP BY category, name ORDER BY events DESC, category NULLS LAST, name NULLS LAST LIMIT $" + m;
        return pool.preparedQuery(sql).execute(Tuple.from(where.args)).map(rows -> {
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

    /** Conditions and their parameters, numbered as they are added. */
    private static final class Where {
        final List<String> conditions = new ArrayList<>();
        final List<Object> args = new ArrayList<>();

        int add(Object arg) {
            args.add(arg);
            return args.size();
        }

        void add(String condition, Object arg) {
            conditions.add(condition.replace("?", "$" + add(arg)));
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }

    private static Where where(InvalidEventFilter filter) {
        Where where = new Where();
        if (filter.code() != null) {
            where.add("error_codes @> ARRAY[?::text]", filter.code());
        }
        if (filter.applicationId() != null) {
            where.add("application_id = ?", filter.applicationId());
        }
        if (filter.category() != null) {
            where.add("category = ?", filter.category());
        }
        if (filter.name() != null) {
            where.add("name = ?", filter.name());
        }
        if (filter.from() != null) {
            where.add(SEEN_AT + " >= ?", utc(filter.from()));
        }
        if (filter.to() != null) {
            where.add(SEEN_AT + " < ?", utc(filter.to()));
        }
        if (filter.replayStatus() != null) {
            where.add("replay_status = ?", filter.replayStatus());
        }
        return where;
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
                    row.getString("category"),
                    row.getString("name"),
                    Arrays.asList(row.getArrayOfStrings("error_codes")),
                    row.getString("errors"),
                    row.getString("payload"),
                    row.getString("raw_text"),
                    row.getString("replay_status"),
                    instant(row.getOffsetDateTime("replayed_at")),
                    instant(row.getOffsetDateTime("seen_at"))));
        }
        return events;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
