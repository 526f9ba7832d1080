package io.theeye.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.localstack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The promise, checked in PostgreSQL: every acknowledged event is stored exactly once, valid or
 * invalid, and nothing is stored that was never sent.
 */
final class Reconciliation {

    private final StackEndpoints endpoints;

    Reconciliation(StackEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Waits (bounded) until every acknowledged id is stored, then checks exactly-once. */
    void assertExactlyOnce(UUID application, Set<UUID> acknowledged, Set<UUID> sent, Duration within) {
        Instant deadline = Instant.now().plus(within);
        Map<UUID, Integer> stored = storedCopies(application);
        while (!stored.keySet().containsAll(acknowledged) && Instant.now().isBefore(deadline)) {
            sleep(500);
            stored = storedCopies(application);
        }
        List<UUID> missing = new ArrayList<>();
        for (UUID id : acknowledged) {
            if (!stored.containsKey(id)) {
                missing.add(id);
            }
        }
        assertThat(missing)
                .as("acknowledged events not stored within " + within.toSeconds() + " s")
                .isEmpty();
        Map<UUID, Integer> doubled = new HashMap<>();
        stored.forEach((id, copies) -> {
            if (copies != 1) {
                doubled.put(id, copies);
            }
        });
        assertThat(doubled).as("events stored more than once").isEmpty();
        assertThat(sent).as("everything stored was sent").containsAll(stored.keySet());
    }

    /**
     * The valid topic, de-duplicated by identity, is the application's events table: every stored
     * valid event was published (waiting, bounded, for a redelivered batch to publish it again), no
     * invalid or unsent event was, and every copy carries the stored columns. Answers how many
     * copies beyond the first the topic holds (a redelivered batch publishes again).
     */
    int assertValidTopicMatchesEvents(UUID application, Duration within) {
        Map<UUID, Columns> stored = storedValid(application);
        Map<UUID, List<JsonNode>> published = ValidTopic.copies(endpoints, application, stored.keySet(), within);
        assertThat(published.keySet())
                .as("the valid topic, de-duplicated by event id, against the events table")
                .isEqualTo(stored.keySet());
        int extra = 0;
        for (Map.Entry<UUID, List<JsonNode>> event : published.entrySet()) {
            for (JsonNode copy : event.getValue()) {
                assertThat(columns(copy)).as("record of " + event.getKey()).isEqualTo(stored.get(event.getKey()));
            }
            extra += event.getValue().size() - 1;
        }
        return extra;
    }

    /** A valid event's columns: data as JSON (equal whatever the key order), the others as one line. */
    private record Columns(String line, JsonNode data) {}

    /** The application's stored valid events' columns. */
    private Map<UUID, Columns> storedValid(UUID application) {
        Map<UUID, Columns> rows = new HashMap<>();
        try (Connection connection = connect();
                var query = connection.prepareStatement(
                        "SELECT event_id, session_id, category, name, data::text, occurred_at, kafka_partition,"
                                + " kafka_offset, schema_version FROM events WHERE application_id = ?")) {
            query.setObject(1, application);
            ResultSet row = query.executeQuery();
            while (row.next()) {
                rows.put(
                        row.getObject(1, UUID.class),
                        new Columns(
                                String.join(
                                        " ",
                                        row.getString(2),
                                        row.getString(3),
                                        row.getString(4),
                                        row.getObject(6, java.time.OffsetDateTime.class)
                                                .toInstant()
                                                .toString(),
                                        row.getInt(7) + ":" + row.getLong(8),
                                        Integer.toString(row.getInt(9))),
                                Http.MAPPER.readTree(row.getString(5))));
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** The same columns of a record of the valid topic. */
    private static Columns columns(JsonNode record) {
        return new Columns(
                String.join(
                        " ",
                        record.get("session_id").asText(),
                        record.get("category").asText(),
                        record.get("name").asText(),
                        java.time.Instant.parse(record.get("occurred_at").asText())
                                .toString(),
                        record.get("kafka_partition").asInt() + ":"
                                + record.get("kafka_offset").asLong(),
                        Integer.toString(record.get("schema_version").asInt())),
                record.get("data"));
    }

    /** How many copies of each of an application's event ids the valid and invalid tables hold together. */
    Map<UUID, Integer> storedCopies(UUID application) {
        Map<UUID, Integer> copies = new HashMap<>();
        try (Connection connection = connect()) {
            for (String table : List.of("events", "invalid_events")) {
                try (var query =
                        connection.prepareStatement("SELECT event_id FROM " + table + " WHERE application_id = ?")) {
                    query.setObject(1, application);
                    ResultSet rows = query.executeQuery();
                    while (rows.next()) {
                        copies.merge(rows.getObject(1, UUID.class), 1, Integer::sum);
                    }
                }
            }
        } catch (SQLException e) {
            // PostgreSQL may be restarting: report nothing stored yet, the caller polls again.
            return Map.of();
        }
        return copies;
    }

    /** The stored content in a comparable form: one line per event, sorted. */
    List<String> snapshot() {
        List<String> lines = new ArrayList<>();
        try (Connection connection = connect();
                ResultSet valid = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT event_id, session_id, category, name, data::text, occurred_at, kafka_partition, kafka_offset "
                                        + "FROM events ORDER BY event_id")) {
            while (valid.next()) {
                lines.add("valid " + valid.getString(1) + " " + valid.getString(2) + " " + valid.getString(3) + " "
                        + valid.getString(4) + " " + valid.getString(5) + " " + valid.getString(6) + " "
                        + valid.getInt(7) + ":" + valid.getLong(8));
            }
            try (ResultSet invalid = connection
                    .createStatement()
                    .executeQuery("SELECT event_id, error_codes::text, payload::text, kafka_partition, kafka_offset "
                            + "FROM invalid_events ORDER BY event_id")) {
                while (invalid.next()) {
                    lines.add("invalid " + invalid.getString(1) + " " + invalid.getString(2) + " "
                            + invalid.getString(3) + " " + invalid.getInt(4) + ":" + invalid.getLong(5));
                }
            }
            try (ResultSet counts = connection
                    .createStatement()
                    .executeQuery("SELECT hour, application_id, category, name, valid, events FROM event_counts_hourly "
                            + "WHERE events <> 0 ORDER BY 1, 2, 3, 4, 5")) {
                while (counts.next()) {
                    lines.add("count " + counts.getString(1) + " " + counts.getString(2) + " " + counts.getString(3)
                            + " " + counts.getString(4) + " " + counts.getBoolean(5) + " " + counts.getLong(6));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    void execute(String sql) {
        try (Connection connection = connect()) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
