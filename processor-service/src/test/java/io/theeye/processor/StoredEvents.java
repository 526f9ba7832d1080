package io.theeye.processor;

import io.theeye.localstack.LocalStackTestResource;
import io.theeye.localstack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Reads what the processor stored, straight from PostgreSQL. */
final class StoredEvents {

    private StoredEvents() {}

    static int countValid(UUID eventId) {
        return count("SELECT count(*) FROM events WHERE event_id = ?", eventId);
    }

    static int countInvalid(UUID eventId) {
        return count("SELECT count(*) FROM invalid_events WHERE event_id = ?", eventId);
    }

    /** The stored data's path of a valid event. */
    static String validPath(UUID eventId) {
        return single("SELECT data->>'path' FROM events WHERE event_id = ?", eventId);
    }

    static String invalidRawText(UUID eventId) {
        return single("SELECT raw_text FROM invalid_events WHERE event_id = ?", eventId);
    }

    static String invalidMessage(UUID eventId) {
        return single("SELECT errors->0->>'message' FROM invalid_events WHERE event_id = ?", eventId);
    }

    static String occurredAt(UUID eventId) {
        return single(
                "SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM events WHERE event_id = ?",
                eventId);
    }

    /** Whether a replayed event is recorded as published on the valid topic. */
    static boolean validPublished(UUID eventId) {
        return "t"
                .equals(single(
                        "SELECT valid_published_at IS NOT NULL FROM invalid_events WHERE event_id = ?", eventId));
    }

    /** A valid event's own time as an ISO-8601 instant. */
    static String occurredAtInstant(UUID eventId) {
        return java.time.Instant.parse(single(
                        "SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM events WHERE event_id = ?",
                        eventId))
                .toString();
    }

    /** A valid event's arrival, partition:offset of the raw record that was stored. */
    static String arrival(UUID eventId) {
        return single("SELECT kafka_partition || ':' || kafka_offset FROM events WHERE event_id = ?", eventId);
    }

    /** The messages of the records of a partition recorded as malformed. */
    static java.util.List<String> malformedMessagesIn(int partition) {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT errors->0->>'message' FROM invalid_events WHERE kafka_partition = ? AND 'malformed' = ANY(error_codes)")) {
            query.setInt(1, partition);
            ResultSet rows = query.executeQuery();
            java.util.List<String> messages = new java.util.ArrayList<>();
            while (rows.next()) {
                messages.add(rows.getString(1));
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String invalidCodes(UUID eventId) {
        return single("SELECT array_to_string(error_codes, ',') FROM invalid_events WHERE event_id = ?", eventId);
    }

    /** The hourly rollup's total for an application, valid or invalid. */
    static long countedInRollup(UUID applicationId, boolean valid) {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(sum(events), 0) FROM event_counts_hourly WHERE application_id = ? AND valid = ?")) {
            query.setObject(1, applicationId);
            query.setBoolean(2, valid);
            ResultSet rows = query.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The per-minute arrival counts' total for an application, valid or invalid. */
    static long countedOnArrival(UUID applicationId, boolean valid) {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(sum(events), 0) FROM event_counts_arrival WHERE application_id = ? AND valid = ?")) {
            query.setObject(1, applicationId);
            query.setBoolean(2, valid);
            ResultSet rows = query.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(String sql) {
        try (Connection connection = connect()) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int countInvalidAt(int partition, long offset) {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM invalid_events WHERE kafka_partition = ? AND kafka_offset = ?")) {
            query.setInt(1, partition);
            query.setLong(2, offset);
            ResultSet rows = query.executeQuery();
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String sql, UUID id) {
        String value = single(sql, id);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static String single(String sql, UUID id) {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, id);
            ResultSet rows = query.executeQuery();
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        StackEndpoints endpoints = LocalStackTestResource.endpoints();
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
    }
}
