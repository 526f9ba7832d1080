package io.theeye.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated events through the real pipeline (ingest, Kafka, processor, PostgreSQL): whatever
 * bytes an event holds, a normal event sent after it in the same session is stored within a
 * bound (nothing stalls), and every event ingest accepted is stored exactly once, valid or invalid
 * with a validation code, never refused by the database. The seed is printed; set
 * {@code -Deye.generated.seed=N} to repeat a run.
 */
class GeneratedEventsTest {

    private static final int ROUNDS = 14;
    private static final int MAX_BATCH_BYTES = 480_000;
    private static final Duration MARKER_STORED_WITHIN = Duration.ofSeconds(30);
    private static final Duration DRAINED_WITHIN = Duration.ofSeconds(90);

    private static RunningEye eye;

    @BeforeAll
    static void start() {
        eye = RunningEye.start();
    }

    @AfterAll
    static void stop() {
        if (eye != null) {
            eye.close();
        }
    }

    @Test
    void everyAcceptedEventIsStoredOnceAndNoEventHoldsUpTheOnesBehindIt() {
        long seed = Long.getLong("eye.generated.seed", System.nanoTime());
        System.out.println("GENERATED seed " + seed + " (repeat with -Deye.generated.seed=" + seed + ")");
        RegisteredApplication app = application("generated");
        RegisteredApplication other = application("generated-other");
        GeneratedEvents generator = new GeneratedEvents(seed);
        Map<UUID, String> acceptedJson = new java.util.HashMap<>();
        Set<UUID> acknowledged = acceptedJson.keySet();
        Map<UUID, String> otherAccepted = new java.util.HashMap<>();
        Set<UUID> otherAcknowledged = otherAccepted.keySet();
        Set<UUID> sent = new HashSet<>();

        for (int round = 0; round < ROUNDS; round++) {
            UUID session = UUID.randomUUID();
            List<GeneratedEvents.Generated> events = generator.batch(session, 30, Instant.now());
            events.forEach(e -> {
                if (e.eventId() != null) {
                    sent.add(e.eventId());
                }
            });
            post(app, events, acceptedJson);
            if (round % 4 == 3) {
                // Another application using ids this one used: both keep their own events.
                post(other, reusingIds(generator.usedIds(), session), otherAccepted);
            }
            UUID marker = UUID.randomUUID();
            String markerJson = "{\"event_id\": \"" + marker + "\", \"session_id\": \"" + session
                    + "\", \"category\": \"page interaction\", \"name\": \"pageview\", "
                    + "\"data\": {\"host\": \"example.com\", \"path\": \"/after\"}, \"timestamp\": \""
                    + Instant.now() + "\"}";
            assertThat(Http.post(eye.ingest.url("/v1/events"), app.key(), markerJson)
                            .status())
                    .isEqualTo(202);
            acceptedJson.put(marker, markerJson);
            sent.add(marker);
            int finished = round;
            await().atMost(MARKER_STORED_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .alias("seed " + seed + " round " + finished
                            + ": the event sent after the generated batch is stored")
                    .until(() -> storedValid(app.id(), marker));
        }

        sent.addAll(acknowledged);
        Set<UUID> everythingAcknowledged = Set.copyOf(acknowledged);
        Reconciliation reconciliation = new Reconciliation(eye.stack.endpoints());
        reconciliation.assertExactlyOnce(app.id(), everythingAcknowledged, sent, DRAINED_WITHIN);
        reconciliation.assertExactlyOnce(
                other.id(), Set.copyOf(otherAcknowledged), Set.copyOf(otherAcknowledged), DRAINED_WITHIN);
        Map<String, Integer> outcomes = outcomes(app.id());
        System.out.println("GENERATED seed " + seed + ": " + acknowledged.size() + " accepted events, " + outcomes);
        assertThat(acknowledged).as("accepted events").hasSizeGreaterThan(ROUNDS * 10);
        assertThat(outcomes.getOrDefault("valid", 0)).as("valid events").isGreaterThan(ROUNDS);
        assertThat(outcomes.getOrDefault("invalid", 0)).as("invalid events").isGreaterThan(ROUNDS);
        assertThat(outcomes.getOrDefault("unstorable", 0))
                .as("seed %d: events the database refused although validation let them through", seed)
                .isZero();
        assertThat(otherAcknowledged).as("the other application's events").isNotEmpty();
        assertThat(storedDataDiffersFromSent(app.id(), acceptedJson))
                .as("seed %d: valid events whose stored data differs from what was sent", seed)
                .isEmpty();
    }

    /**
     * Posts the events as batches under ingest's size limit; records each accepted id with the
     * text of its first accepted copy (the one that is stored).
     */
    private static void post(
            RegisteredApplication app, List<GeneratedEvents.Generated> events, Map<UUID, String> accepted) {
        List<String> batch = new ArrayList<>();
        int bytes = 0;
        for (GeneratedEvents.Generated event : events) {
            if (bytes + event.json().length() * 3 > MAX_BATCH_BYTES && !batch.isEmpty()) {
                postBatch(app, batch, accepted);
                batch.clear();
                bytes = 0;
            }
            batch.add(event.json());
            bytes += event.json().length() * 3;
        }
        if (!batch.isEmpty()) {
            postBatch(app, batch, accepted);
        }
    }

    private static void postBatch(RegisteredApplication app, List<String> events, Map<UUID, String> accepted) {
        Http.Answer answer =
                Http.post(eye.ingest.url("/v1/batch"), app.key(), "{\"events\": [" + String.join(",", events) + "]}");
        assertThat(answer.status()).as(answer.text()).isIn(202, 400);
        if (!answer.body().has("results")) {
            // The body as a whole was refused (Jackson refuses, say, half a surrogate pair in a
            // key): each event on its own, then.
            for (String event : events) {
                Http.Answer one = Http.post(eye.ingest.url("/v1/events"), app.key(), event);
                assertThat(one.status()).as(one.text()).isIn(202, 400, 413);
                if (one.status() == 202) {
                    accepted.putIfAbsent(
                            UUID.fromString(one.body().path("event_id").asText()), event);
                }
            }
            return;
        }
        for (JsonNode result : answer.body().path("results")) {
            if (result.path("status").asText().equals("accepted")) {
                accepted.putIfAbsent(
                        UUID.fromString(result.path("event_id").asText()),
                        events.get(result.path("index").asInt()));
            }
        }
    }

    private static List<GeneratedEvents.Generated> reusingIds(List<UUID> ids, UUID session) {
        List<GeneratedEvents.Generated> events = new ArrayList<>();
        for (UUID id : ids.subList(Math.max(0, ids.size() - 5), ids.size())) {
            events.add(new GeneratedEvents.Generated(
                    "{\"event_id\": \"" + id + "\", \"session_id\": \"" + session
                            + "\", \"category\": \"page interaction\", \"name\": \"pageview\", "
                            + "\"data\": {\"host\": \"other.example.com\", \"path\": \"/\"}, "
                            + "\"timestamp\": \"2021-01-01 09:15:27\"}",
                    id));
        }
        return events;
    }

    private static RegisteredApplication application(String name) {
        return eye.application(name);
    }

    private static boolean storedValid(UUID application, UUID eventId) {
        return query(
                        "SELECT count(*) FROM events WHERE application_id = ? AND event_id = ?",
                        application,
                        eventId,
                        rows -> rows.next() && rows.getInt(1) == 1)
                .booleanValue();
    }

    /** How many events ended valid, invalid, and invalid because the database refused them. */
    private static Map<String, Integer> outcomes(UUID application) {
        return query(
                "SELECT (SELECT count(*) FROM events WHERE application_id = ?),"
                        + " (SELECT count(*) FROM invalid_events WHERE application_id = ?),"
                        + " (SELECT count(*) FROM invalid_events WHERE application_id = ? AND 'unstorable' = ANY(error_codes))",
                application,
                null,
                rows -> {
                    rows.next();
                    return Map.of("valid", rows.getInt(1), "invalid", rows.getInt(2), "unstorable", rows.getInt(3));
                });
    }

    /**
     * Valid events whose stored data is not what was sent: text silently changed on the way (an
     * unpaired surrogate written as '?', say) or numbers altered. Numbers compare by value:
     * PostgreSQL writes 1E+2 as 100.
     */
    private static List<UUID> storedDataDiffersFromSent(UUID application, Map<UUID, String> sent) {
        com.fasterxml.jackson.databind.ObjectMapper exact = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        java.util.Comparator<JsonNode> byValue = (a, b) ->
                a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;
        return query("SELECT event_id, data::text FROM events WHERE application_id = ?", application, null, rows -> {
            List<UUID> differing = new ArrayList<>();
            while (rows.next()) {
                UUID id = rows.getObject(1, UUID.class);
                JsonNode stored = exact.readTree(rows.getString(2));
                JsonNode original = exact.readTree(sent.get(id)).get("data");
                if (!original.equals(byValue, stored)) {
                    differing.add(id);
                }
            }
            return differing;
        });
    }

    /** A statement with up to three uses of the application id (and an optional event id). */
    private static <T> T query(String sql, UUID application, UUID eventId, RowReader<T> reader) {
        StackEndpoints endpoints = eye.stack.endpoints();
        try (Connection connection =
                        DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameters = statement.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= parameters; i++) {
                statement.setObject(i, i == 2 && eventId != null ? eventId : application);
            }
            return reader.read(statement.executeQuery());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException, java.io.IOException;
    }
}
