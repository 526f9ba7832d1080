package io.theeye.query.storage;

import static io.theeye.contract.StoredTimes.instant;
import static io.theeye.contract.StoredTimes.utc;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.RowStream;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads stored events with parameterized SQL, in (occurred_at, arrival) order, by keyset. */
@ApplicationScoped
public class EventQueryRepository {

    /** How long a stream may wait for its subscriber inside its transaction. */
    static final String STALLED_FOR = "2min";

    private static final String COLUMNS =
            "event_id, application_id, session_id, category, name, data::text AS data, occurred_at, corrected_at, "
                    + "received_at, kafka_partition, kafka_offset, schema_version";

    private final Pool pool;

    EventQueryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} events matching the filter, after its cursor. */
    public Uni<List<StoredEvent>> find(EventFilter filter, int limit) {
        SqlConditions where = conditions(filter);
        EventCursor after = filter.after();
        if (after != null) {
            where.where("(occurred_at, kafka_partition, kafka_offset) > ($" + where.parameter(utc(after.occurredAt()))
                    + ", $" + where.parameter(after.partition()) + ", $" + where.parameter(after.offset()) + ")");
        }
        String sql = "SELECT " + COLUMNS + " FROM events" + where.sql()
                + " ORDER BY occurred_at, kafka_partition, kafka_offset LIMIT $" + where.parameter(limit);
        return pool.preparedQuery(sql).execute(where.args()).map(EventQueryRepository::toEvents);
    }

    /**
     * Every event the filter matches (its cursor aside), in the listing's order, read through a
     * cursor {@code fetchRows} rows at a time as the subscriber asks for them: however many match,
     * memory holds one fetch. One read-only transaction holds a connection until the stream ends,
     * is cancelled or fails; a subscriber that stops asking for {@value #STALLED_FOR} is cut off
     * by PostgreSQL ({@code idle_in_transaction_session_timeout}), which ends the stream with a failure.
     */
    public Multi<StoredEvent> stream(EventFilter filter, int fetchRows) {
        SqlConditions where = conditions(filter);
        String sql = "SELECT " + COLUMNS + " FROM events" + where.sql()
                + " ORDER BY occurred_at, kafka_partition, kafka_offset";
        return Multi.createFrom()
                .resourceFromUni(
                        () -> openCursor(sql, where.args(), fetchRows),
                        cursor -> cursor.rows().toMulti().map(EventQueryRepository::toEvent))
                .withFinalizer(Cursor::close);
    }

    /** A connection in a read-only transaction with a cursor over it. */
    private record Cursor(SqlConnection connection, Transaction transaction, RowStream<Row> rows) {
        Uni<Void> close() {
            return rows.close()
                    .onFailure()
                    .recoverWithNull()
                    .chain(() -> transaction.rollback())
                    .onFailure()
                    .recoverWithNull()
                    .eventually(connection::close)
                    .replaceWithVoid();
        }
    }

    private Uni<Cursor> openCursor(String sql, Tuple args, int fetchRows) {
        return pool.getConnection()
                .chain(connection -> connection
                        .begin()
                        .chain(transaction -> connection
                                .query("SET TRANSACTION READ ONLY")
                                .execute()
                                .chain(() -> connection
                                        .query("SET LOCAL idle_in_transaction_session_timeout = '" + STALLED_FOR + "'")
                                        .execute())
                                .chain(() -> connection.prepare(sql))
                                .map(statement ->
                                        new Cursor(connection, transaction, statement.createStream(fetchRows, args))))
                        .onFailure()
                        .call(connection::close));
    }

    private static SqlConditions conditions(EventFilter filter) {
        return new SqlConditions()
                .where("session_id = ?", filter.sessionId())
                .where("application_id = ?", filter.applicationId())
                .where("category = ?", filter.category())
                .where("name = ?", filter.name())
                .where("occurred_at >= ?", utc(filter.from()))
                .where("occurred_at < ?", utc(filter.to()));
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
            events.add(toEvent(row));
        }
        return events;
    }

    private static StoredEvent toEvent(Row row) {
        return new StoredEvent(
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
