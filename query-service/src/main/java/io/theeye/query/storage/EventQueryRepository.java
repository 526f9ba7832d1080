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
import java.util.List;
import java.util.UUID;

/** Reads stored events with parameterized SQL, in (occurred_at, arrival) order, by keyset. */
@ApplicationScoped
public class EventQueryRepository {

    private static final String COLUMNS =
            "event_id, application_id, session_id, category, name, data::text AS data, occurred_at, corrected_at, "
                    + "received_at, kafka_partition, kafka_offset, schema_version";

    private final Pool pool;

    EventQueryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} events matching the filter, after its cursor. */
    public Uni<List<StoredEvent>> find(EventFilter filter, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.sessionId() != null) {
            args.add(filter.sessionId());
            where.add("session_id = $" + args.size());
        }
        if (filter.applicationId() != null) {
            args.add(filter.applicationId());
            where.add("application_id = $" + args.size());
        }
        if (filter.category() != null) {
            args.add(filter.category());
            where.add("category = $" + args.size());
        }
        if (filter.name() != null) {
            args.add(filter.name());
            where.add("name = $" + args.size());
        }
        if (filter.from() != null) {
            args.add(utc(filter.from()));
            where.add("occurred_at >= $" + args.size());
        }
        if (filter.to() != null) {
            args.add(utc(filter.to()));
            where.add("occurred_at < $" + args.size());
        }
        if (filter.after() != null) {
            args.add(utc(filter.after().occurredAt()));
            args.add(filter.after().partition());
            args.add(filter.after().offset());
            int n = args.size();
            where.add(
                    "(occurred_at, kafka_partition, kafka_offset) > ($" + (n - 2) + ", $" + (n - 1) + ", $" + n + ")");
        }
        args.add(limit);
        String sql = "SELECT " + COLUMNS + " FROM events"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY occurred_at, kafka_partition, kafka_offset LIMIT $" + args.size();
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(EventQueryRepository::toEvents);
    }

    /** Count and first and last time of a session's events. */
    public Uni<SessionSummary> summarize(UUID sessionId) {
        return pool.preparedQuery(
                        "SELECT count(*) AS events, min(occurred_at) AS first_at, max(occurred_at) AS last_at "
                                + "FROM events WHERE session_id = $1")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new SessionSummary(
                            sessionId,
                            row.getLong("events"),
                            instant(row.getOffsetDateTime("first_at")),
                            instant(row.getOffsetDateTime("last_at")));
                });
    }

    private static List<StoredEvent> toEvents(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Instant occurredAt = instant(row.getOffsetDateTime("occurred_at"));
            events.add(new StoredEvent(
                    row.getUUID("event_id"),
                    row.getUUID("application_id"),
                    row.getUUID("session_id"),
                    row.getString("category"),
                    row.getString("name"),
                    row.getString("data"),
                    occurredAt,
                    instant(row.getOffsetDateTime("corrected_at")),
                    instant(row.getOffsetDateTime("received_at")),
                    row.getInteger("schema_version"),
                    row.getInteger("kafka_partition"),
                    row.getLong("kafka_offset")));
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
