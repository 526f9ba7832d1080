package io.theeye.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Writes rows into the real events table as the processor would, for query tests to read. */
final class StoredEventRows {

    static final UUID APPLICATION = UUID.fromString("00000000-0000-7000-8000-000000000001");

    private static final String INSERT =
            "INSERT INTO events (event_id, application_id, session_id, category, name, data, occurred_at, "
                    + "received_at, kafka_partition, kafka_offset, schema_version) "
                    + "VALUES (?, ?, ?, ?, ?, '{\"host\": \"www.example.com\", \"path\": \"/\"}', ?, now(), ?, ?, 1)";

    /**
     * One stored event.
     *
     * @param partition with offset, its arrival order
     */
    record Row(
            UUID eventId,
            UUID application,
            UUID session,
            String category,
            String name,
            Instant occurredAt,
            int partition,
            long offset) {

        static Row of(
                UUID application, UUID session, String category, String name, Instant at, int partition, long offset) {
            return new Row(UUID.randomUUID(), application, session, category, name, at, partition, offset);
        }
    }

    UUID insert(UUID session, String category, String name, Instant occurredAt, int partition, long offset) {
        return insert(APPLICATION, session, category, name, occurredAt, partition, offset);
    }

    UUID insert(
            UUID application,
            UUID session,
            String category,
            String name,
            Instant occurredAt,
            int partition,
            long offset) {
        Row row = Row.of(application, session, category, name, occurredAt, partition, offset);
        insertAll(List.of(row));
        return row.eventId();
    }

    /** Inserts the rows in one transaction. */
    void insertAll(List<Row> rows) {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(false);
            for (Row row : rows) {
                insert.setObject(1, row.eventId());
                insert.setObject(2, row.application());
                insert.setObject(3, row.session());
                insert.setString(4, row.category());
                insert.setString(5, row.name());
                insert.setTimestamp(6, Timestamp.from(row.occurredAt()));
                insert.setInt(7, row.partition());
                insert.setLong(8, row.offset());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
