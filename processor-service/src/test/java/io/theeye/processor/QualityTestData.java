package io.theeye.processor;

import io.theeye.localstack.LocalStackTestResource;
import io.theeye.localstack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Applications, events and invalid events written straight to PostgreSQL, and the incidents read back. */
final class QualityTestData {

    private QualityTestData() {}

    /**
     * An incident as stored.
     *
     * @param closedValue null while open
     */
    record StoredIncident(
            String kind,
            boolean open,
            double value,
            Double closedValue,
            boolean openedNotified,
            boolean closedNotified) {}

    /** A new enabled application; its name holds its id, so Slack texts can be told apart. */
    static UUID application() {
        UUID id = UUID.randomUUID();
        update("INSERT INTO applications (id, name) VALUES (?, ?)", id, name(id));
        return id;
    }

    static String name(UUID application) {
        return "quality-test-" + application;
    }

    static void disable(UUID application) {
        update("UPDATE applications SET disabled_at = now() WHERE id = ?", application);
    }

    /** Valid events that happened (and were received) the given time ago. */
    static void validEvents(UUID application, int count, Duration ago) {
        update("""
                INSERT INTO events (event_id, application_id, session_id, category, name, data, occurred_at,
                                    received_at, kafka_partition, kafka_offset)
                SELECT gen_random_uuid(), ?, gen_random_uuid(), 'page interaction', 'pageview',
                       '{"host": "www.example.com", "path": "/"}'::jsonb, now() - make_interval(secs => ?),
                       now() - make_interval(secs => ?), 0, g
                FROM generate_series(1, ?) g
                """, application, (double) ago.toSeconds(), (double) ago.toSeconds(), count);
    }

    /** Invalid events received the given time ago. */
    static void invalidEvents(UUID application, int count, Duration ago) {
        update("""
                INSERT INTO invalid_events (event_id, application_id, received_at, payload, errors, error_codes,
                                            validated_at, kafka_partition, kafka_offset)
                SELECT gen_random_uuid(), ?, now() - make_interval(secs => ?), '{}'::jsonb,
                       '[{"code": "missing_field", "path": "/session_id", "message": "required"}]'::jsonb,
                       ARRAY['missing_field'], now(), 0, g
                FROM generate_series(1, ?) g
                """, application, (double) ago.toSeconds(), count);
    }

    /** The application's incidents, oldest first. */
    static List<StoredIncident> incidents(UUID application) {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT kind, closed_at IS NULL, value, closed_value, opened_notified_at IS NOT NULL,
                               closed_notified_at IS NOT NULL
                        FROM quality_incidents WHERE application_id = ? ORDER BY id
                        """)) {
            query.setObject(1, application);
            ResultSet rows = query.executeQuery();
            List<StoredIncident> incidents = new ArrayList<>();
            while (rows.next()) {
                incidents.add(new StoredIncident(
                        rows.getString(1),
                        rows.getBoolean(2),
                        rows.getDouble(3),
                        rows.getObject(4) == null ? null : rows.getDouble(4),
                        rows.getBoolean(5),
                        rows.getBoolean(6)));
            }
            return incidents;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection of its own, for a test that plays another replica. */
    static Connection connect() throws SQLException {
        StackEndpoints endpoints = LocalStackTestResource.endpoints();
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
    }

    private static void update(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
