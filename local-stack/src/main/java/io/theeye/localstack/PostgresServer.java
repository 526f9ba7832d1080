package io.theeye.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A real PostgreSQL server from zonky's binaries, with The Eye's database and its roles: the schema
 * owner (which only migrations use) and one login role per service, whose privileges the V7
 * migration grants. As in production, the roles exist before the schema is migrated.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "eye";

    private final EmbeddedPostgres postgres;
    private final Process orphanGuard;

    private PostgresServer(EmbeddedPostgres postgres, Process orphanGuard) {
        this.postgres = postgres;
        this.orphanGuard = orphanGuard;
    }

    /** Starts the server; a persistent data directory keeps its data, else it is wiped. */
    static PostgresServer start(Path dataDirectory, int port, boolean persistent) {
        try {
            Path data = dataDirectory.resolve("postgres");
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(PostgresPlatform.current())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(!persistent)
                    .setPort(port)
                    // zonky turns fsync off; data that must survive a crash needs it on.
                    .setServerConfig("fsync", persistent ? "on" : "off")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            createDatabase(postgres, StackCredentials.inDirectory(dataDirectory));
            return new PostgresServer(postgres, guardAgainstOrphaning(data));
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /** The port PostgreSQL listens on. */
    int port() {
        return postgres.getPort();
    }

    /**
     * Creates the roles and the database when missing and sets the roles' passwords (again, so a
     * data directory from an earlier version of the stack gets them too).
     */
    private static void createDatabase(EmbeddedPostgres postgres, StackCredentials credentials) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            ensureLoginRole(statement, StackCredentials.MIGRATION_ROLE, credentials.migrationPassword());
            for (EyeService service : EyeService.values()) {
                ensureLoginRole(
                        statement, service.databaseRole(), credentials.databasePassword(service.databaseRole()));
            }
            var database = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!database.next()) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + StackCredentials.MIGRATION_ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + DATABASE, e);
        }
    }

    /** A plain login role: no superuser, no role or database creation, nothing granted yet. */
    private static void ensureLoginRole(Statement statement, String role, String password) throws SQLException {
        var existing = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'");
        if (!existing.next()) {
            statement.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        }
        // The passwords are hex (StackCredentials), so they need no quoting beyond the literal.
        statement.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
    }

    /**
     * zonky's shutdown hook stops PostgreSQL when this JVM exits normally; a SIGKILL skips it.
     * A small detached shell waits for this JVM to die and then stops the postmaster it started.
     */
    private static Process guardAgainstOrphaning(Path data) throws IOException {
        String postmasterPid =
                Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; "
                + "kill -INT " + postmasterPid + " 2>/dev/null; exit 0";
        // Its own session, so a Ctrl-C to the terminal does not end it early; macOS has no setsid.
        List<String> command = onPath("setsid") ? List.of("setsid", "sh", "-c", script) : List.of("sh", "-c", script);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            orphanGuard.destroy();
        }
    }
}
