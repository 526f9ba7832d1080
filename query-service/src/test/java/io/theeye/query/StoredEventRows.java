package io.theeye.query;

import io.theeye.localstack.LocalStackTestResource;
import io.theeye.localstack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Writes rows into the real events table as the processor would, for query tests to read. */
final class StoredEventRows {

    static final UUID APPLICATION = UUID.fromString("00000000-0000-7000-8000-000000000001");

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
        UUID id = UUID.randomUUID();
        StackEndpoints endpoints = LocalStackTestResource.endpoints();
        try (Connection connection =
                        DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO events (event_id, application_id, session_id, category, name, data, occurred_at, "
                                + "received_at, kafka_partition, kafka_offset, schema_version) "
                                + "VALUES (?, ?, ?, ?, ?, '{\"host\": \"www.example.com\", \"path\": \"/\"}', ?, now(), ?, ?, 1)")) {
            insert.setObject(1, id);
            insert.setObject(2, application);
            insert.setObject(3, session);
            insert.setString(4, category);
            insert.setString(5, name);
            insert.setTimestamp(6, Timestamp.from(occurredAt));
            insert.setInt(7, partition);
            insert.setLong(8, offset);
            insert.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
