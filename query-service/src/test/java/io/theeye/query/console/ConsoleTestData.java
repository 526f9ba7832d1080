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
        execute(
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
        execute(
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
        execute(
                "INSERT INTO event_counts_hourly (hour, application_id, category, name, valid, events) "
                        + "VALUES (?, ?, ?, 'play', true, ?)",
                Timestamp.from(hour),
                APPLICATION,
                category,
                events);
    }

    /** A registered application of this name; returns its id. */
    static UUID application(String name) {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO applications (id, name) VALUES (?, ?)", id, name);
        return id;
    }

    /** Events that arrived in the minute holding {@code at}, as the processor counts them per minute. */
    static void arrivals(Instant at, UUID application, boolean valid, long events) {
        execute(
                "INSERT INTO event_counts_arrival (minute, application_id, valid, events) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (minute, application_id, valid) "
                        + "DO UPDATE SET events = event_counts_arrival.events + EXCLUDED.events",
                Timestamp.from(at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)),
                application,
                valid,
                events);
    }

    /** An open incident as the processor's quality check records it; returns its id. */
    static long openIncident(UUID application, String kind, Instant openedAt, double value) {
        return (Long) execute(
                "INSERT INTO quality_incidents (application_id, kind, opened_at, value) VALUES (?, ?, ?, ?) "
                        + "RETURNING id",
                application,
                kind,
                Timestamp.from(openedAt),
                value);
    }

    /** Resolves an incident now, as the quality check does when the condition ends. */
    static void resolveIncident(long id, double value) {
        execute("UPDATE quality_incidents SET closed_at = now(), closed_value = ? WHERE id = ?", value, id);
    }

    /**
     * One invalid event as the processor stores it: its own time as far as it could be read
     * (null: unreadable), when it arrived, its error code. counted_at follows from them (V6).
     */
    static UUID invalidEventAt(Instant occurredAt, Instant receivedAt, String code) {
        UUID id = UUID.randomUUID();
        execute(
                "INSERT INTO invalid_events (event_id, application_id, received_at, occurred_at, payload, category, name, "
                        + "errors, error_codes, validated_at, kafka_partition, kafka_offset, replay_status) "
                        + "VALUES (?, ?, ?, ?, '{}'::jsonb, 'page interaction', 'pageview', ?::jsonb, ARRAY[?], ?, 7, ?, "
                        + "'pending')",
                id,
                APPLICATION,
                Timestamp.from(receivedAt),
                occurredAt == null ? null : Timestamp.from(occurredAt),
                "[{\"code\": \"" + code + "\", \"path\": \"/timestamp\", \"message\": \"generated\"}]",
                code,
                Timestamp.from(receivedAt.plusMillis(50)),
                OFFSETS.incrementAndGet());
        return id;
    }

    /**
     * Counts these invalid events in the hourly counts the way the processor's storing statement
     * does: in the hour of counted_at.
     */
    static void countInvalidHourly(java.util.List<UUID> ids) {
        execute(
                "INSERT INTO event_counts_hourly (hour, application_id, category, name, valid, events) "
                        + "SELECT date_bin('1 hour', counted_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), application_id, "
                        + "category, name, false, count(*) FROM invalid_events WHERE event_id = ANY (?::uuid[]) GROUP BY 1, 2, 3, 4 "
                        + "ON CONFLICT (hour, application_id, category, name, valid) "
                        + "DO UPDATE SET events = event_counts_hourly.events + EXCLUDED.events",
                (Object) ids.stream().map(UUID::toString).toArray(String[]::new));
    }

    /** Runs one statement; answers the first column of its first row when it returns rows (RETURNING). */
    private static Object execute(String sql, Object... args) {
        StackEndpoints endpoints = LocalStackTestResource.endpoints();
        try (Connection connection =
                        DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            if (!statement.execute()) {
                return null;
            }
            try (var result = statement.getResultSet()) {
                return result.next() ? result.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
