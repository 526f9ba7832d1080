package io.theeye.client;

import static org.awaitility.Awaitility.await;

import io.theeye.localstack.ApplicationRegistrar;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.LocalStack;
import io.theeye.localstack.ServiceProcess;
import io.theeye.localstack.StackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The parts of The Eye the client talks to, for real: Kafka and PostgreSQL, and the packaged
 * ingest and processor services in JVMs of their own. Started once for the whole test run (see
 * {@link RealEyeExtension}), because starting them takes most of a minute on a small machine.
 */
final class RealEye implements AutoCloseable {

    /** What ingest's 503 answers ask for: short, so a Kafka outage costs the suite little time. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final LocalStack stack;
    final ServiceProcess ingest;
    final ServiceProcess processor;

    private RealEye(LocalStack stack, ServiceProcess ingest, ServiceProcess processor) {
        this.stack = stack;
        this.ingest = ingest;
        this.processor = processor;
    }

    static RealEye start() {
        try {
            // The processor owns the schema and migrates it at start, as in production: migrating
            // here too could apply a newer schema than the packaged processor knows.
            LocalStack stack =
                    LocalStack.start(StackOptions.forTests(Files.createTempDirectory("eye-client-test"), false));
            // Both start at once: on two cores that halves the wait.
            ServiceProcess processor = ServiceProcess.of("processor-service", stack.endpoints(), Map.of())
                    .start();
            ServiceProcess ingest = ServiceProcess.of(
                            "ingest-service",
                            stack.endpoints(),
                            Map.of(
                                    "EYE_INGEST_KEYS_REFRESH_INTERVAL",
                                    "1s",
                                    "EYE_INGEST_RETRY_AFTER",
                                    RETRY_AFTER.toSeconds() + "s"))
                    .start();
            RealEye eye = new RealEye(stack, ingest, processor);
            try {
                processor.awaitReady(READY_WITHIN);
                ingest.awaitReady(READY_WITHIN);
            } catch (RuntimeException e) {
                eye.close();
                throw e;
            }
            return eye;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ingest service's base URL, as a client is configured with. */
    URI ingestUrl() {
        return ingest.url("");
    }

    /** A new application whose key ingest already accepts. */
    RegisteredApplication registerApplication(String name) {
        RegisteredApplication application =
                new ApplicationRegistrar(stack.endpoints()).register(name + "-" + UUID.randomUUID());
        // Ingest reloads its keys every second; an empty batch is answered 400, not stored, once it knows the key.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> emptyBatchStatus(application.key()) != 401);
        return application;
    }

    /** What PostgreSQL holds for an application. */
    StoredEvents stored(UUID applicationId) {
        try (Connection connection = DriverManager.getConnection(
                        stack.endpoints().jdbcUrl(),
                        stack.endpoints().username(),
                        stack.endpoints().password());
                PreparedStatement statement =
                        connection.prepareStatement("SELECT (SELECT count(*) FROM events WHERE application_id = ?),"
                                + " (SELECT count(DISTINCT event_id) FROM events WHERE application_id = ?),"
                                + " (SELECT count(*) FROM invalid_events WHERE application_id = ?)")) {
            statement.setObject(1, applicationId);
            statement.setObject(2, applicationId);
            statement.setObject(3, applicationId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new StoredEvents(row.getLong(1), row.getLong(2), row.getLong(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (bounded) until the processor has stored at least {@code events} events of the application. */
    StoredEvents awaitStored(UUID applicationId, long events) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> stored(applicationId), stored -> stored.total() >= events);
    }

    private int emptyBatchStatus(String key) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(ingest.url("/v1/batch"))
                                    .timeout(Duration.ofSeconds(5))
                                    .header("Authorization", "Bearer " + key)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 401;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (stack;
                processor;
                ingest) {
            // closes the services, then the stack
        }
    }

    /**
     * An application's rows in PostgreSQL.
     *
     * @param rows rows in {@code events}
     * @param distinctIds distinct event ids among them
     * @param invalid rows in {@code invalid_events}
     */
    record StoredEvents(long rows, long distinctIds, long invalid) {

        long total() {
            return rows + invalid;
        }
    }
}
