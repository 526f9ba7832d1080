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

/** A real PostgreSQL server from zonky's binaries, with The Eye's database and user in it. */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "eye";
    static final String USER = "eye";
    static final String PASSWORD = "eye";

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
            createDatabase(postgres);
            return new PostgresServer(postgres, guardAgainstOrphaning(data));
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /** The port PostgreSQL listens on. */
    int port() {
        return postgres.getPort();
    }

    private static void createDatabase(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var role = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'");
            if (!role.next()) {
                statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            var database = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!database.next()) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + DATABASE, e);
        }
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
