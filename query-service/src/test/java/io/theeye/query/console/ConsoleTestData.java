package io.theeye.query.console;

import io.theeye.localstack.LocalStackTestResource;
import io.theeye.localstack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Stores events and invalid events as the processor would, for the console's browser tests to find. */
final class ConsoleTestData {

    static final UUID APPLICATION = UUID.fromString("00000000-0000-7000-8000-00000000c0de");
    private static final AtomicLong OFFSETS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private ConsoleTestData() {}

    /** One valid event; its data names the path so the detail view has something to show. */
    static UUID event(UUID session, String category, String name, Instant at, String path) {
        UUID id = UUID.randomUUID();
        update(
                "INSERT INTO events (event_id, application_id, session_id, category, name, data, occurred_at, "
                        + "received_at, kafka_partition, kafka_offset, schema_version) "
                        + "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, now(), 7, ?, 1)",
                id,
                APPLICATION,
                session,
                category,
                name,
                "{\"host\": \"shop.example.com\", \"path\": \"" + path + "\"}",
                Timestamp.from(at),
                OFFSETS.incrementAndGet());
        return id;
    }

    /** One invalid event received now, with a single error. */
    static UUID invalidEvent(String category, String name, String code, String pointer, String message) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        update(
                "INSERT INTO invalid_events (event_id, application_id, received_at, payload, raw_text, category, name, "
                        + "errors, error_codes, validated_at, kafka_partition, kafka_offset, replay_status) "
                        + "VALUES (?, ?, ?, ?::jsonb, NULL, ?, ?, ?::jsonb, ARRAY[?], ?, 7, ?, 'pending')",
                id,
                APPLICATION,
                Timestamp.from(now),
                "{\"category\": \"" + category + "\", \"name\": \"" + name + "\", \"data\": {\"host\": \"x\"}}",
                category,
                name,
                "[{\"code\": \"" + code + "\", \"path\": \"" + pointer + "\", \"message\": \"" + message + "\"}]",
                code,
                Timestamp.from(now.plusMillis(50)),
                OFFSETS.incrementAndGet());
        return id;
    }

    /** The processor's hourly count of valid events of one category in one hour. */
    static void hourlyCount(Instant hour, String category, long events) {
        update(
                "INSERT INTO event_counts_hourly (hour, application_id, category, name, valid, events) "
                        + "VALUES (?, ?, ?, 'play', true, ?)",
                Timestamp.from(hour),
                APPLICATION,
                category,
                events);
    }

    private static void update(String sql, Object... args) {
        StackEndpoints endpoints = LocalStackTestResource.endpoints();
        try (Connection connection =
                        DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
