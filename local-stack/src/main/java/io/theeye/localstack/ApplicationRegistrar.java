package io.theeye.localstack;

import io.theeye.contract.ApplicationKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Registers applications straight in PostgreSQL, for tests and the local run's demo application
 * (analysts use query-service's admin API).
 */
public final class ApplicationRegistrar {

    /**
     * A registered application and its key, which only the caller ever sees.
     *
     * @param id the application id
     * @param key the key in clear
     */
    public record RegisteredApplication(UUID id, String key) {}

    private final StackEndpoints endpoints;

    public ApplicationRegistrar(StackEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Registers a new application with a fresh key. */
    public RegisteredApplication register(String name) {
        return register(name, ApplicationKeys.generate());
    }

    /** Registers an application under a given key, or adds the key if the name exists. */
    public RegisteredApplication register(String name, String key) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            UUID id;
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO applications (id, name) VALUES (?, ?) "
                            + "ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, name);
                var rows = insert.executeQuery();
                rows.next();
                id = rows.getObject(1, UUID.class);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO application_keys (key_hash, application_id, key_prefix) VALUES (?, ?, ?) "
                            + "ON CONFLICT (key_hash) DO NOTHING")) {
                insert.setString(1, ApplicationKeys.hash(key));
                insert.setObject(2, id);
                insert.setString(3, ApplicationKeys.displayPrefix(key));
                insert.executeUpdate();
            }
            connection.commit();
            return new RegisteredApplication(id, key);
        } catch (SQLException e) {
            throw new IllegalStateException("could not register application " + name, e);
        }
    }

    /**
     * Gives an application a new key; its current keys keep working for the overlap, then expire.
     * A negative overlap expires them at once (in the past), as a test of expiry needs.
     */
    public RegisteredApplication rotate(UUID applicationId, java.time.Duration overlap) {
        String key = ApplicationKeys.generate();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement expire = connection.prepareStatement(
                    "UPDATE application_keys SET expires_at = now() + make_interval(secs => ?) "
                            + "WHERE application_id = ? AND (expires_at IS NULL OR expires_at > now())")) {
                expire.setDouble(1, overlap.toMillis() / 1000.0);
                expire.setObject(2, applicationId);
                expire.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO application_keys (key_hash, application_id, key_prefix) VALUES (?, ?, ?)")) {
                insert.setString(1, ApplicationKeys.hash(key));
                insert.setObject(2, applicationId);
                insert.setString(3, ApplicationKeys.displayPrefix(key));
                insert.executeUpdate();
            }
            connection.commit();
            return new RegisteredApplication(applicationId, key);
        } catch (SQLException e) {
            throw new IllegalStateException("could not rotate the key of " + applicationId, e);
        }
    }

    /** Disables an application: its keys stop working. */
    public void disable(UUID applicationId) {
        execute("UPDATE applications SET disabled_at = now() WHERE id = ?", applicationId);
    }

    private void execute(String sql, UUID applicationId) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, applicationId);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
    }
}
