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
        SqlConditions where = new SqlConditions()
                .where("session_id = ?", filter.sessionId())
                .where("application_id = ?", filter.applicationId())
                .where("category = ?", filter.category())
                .where("name = ?", filter.name())
                .where("occurred_at >= ?", utc(filter.from()))
                .where("occurred_at < ?", utc(filter.to()));
        EventCursor after = filter.after();
        if (after != null) {
            where.where("(occurred_at, kafka_partition, kafka_offset) > ($" + where.parameter(utc(after.occurredAt()))
                    + ", $" + where.parameter(after.partition()) + ", $" + where.parameter(after.offset()) + ")");
        }
        String sql = "SELECT " + COLUMNS + " FROM events" + where.sql()
                + " ORDER BY occurred_at, kafka_partition, kafka_offset LIMIT $" + where.parameter(limit);
        return pool.preparedQuery(sql).execute(where.args()).map(EventQueryRepository::toEvents);
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
                            row.getLong("events"),
                            instant(row.getOffsetDateTime("first_at")),
                            instant(row.getOffsetDateTime("last_at")));
                });
    }

    private static List<StoredEvent> toEvents(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(new StoredEvent(
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
                    row.getLong("kafka_offset")));
        }
        return events;
    }
}
