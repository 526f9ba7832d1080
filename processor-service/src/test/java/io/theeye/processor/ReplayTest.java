package io.theeye.processor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.theeye.contract.Topics;
import io.theeye.localstack.LocalStackTestResource;
import io.theeye.processor.validation.EventTypeRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Invalid events re-validated after their schema was fixed: dry run first, then exactly once. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "migrate", value = "false"))
class ReplayTest {

    @Inject
    EventTypeRegistry registry;

    private final String admin = LocalStackTestResource.jwt().token("ada", "admin", Duration.ofMinutes(10));

    @Test
    void movesEventsThatANewSchemaVersionAcceptsExactlyOnceAfterADryRun() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(registry::isReady);
        String category = "replay " + UUID.randomUUID();
        UUID application = UUID.randomUUID();
        StoredEvents.execute("INSERT INTO event_types (category, name, version, schema) VALUES ('" + category
                + "', 'thing', 1, '{\"type\":\"object\",\"required\":[\"a\",\"b\"]}')");
        registry.refresh().await().atMost(Duration.ofSeconds(10));
        ObjectNode event = EventTestData.seed(0);
        event.put("category", category);
        event.put("name", "thing");
        event.set("data", EventTestData.MAPPER.readTree("{\"a\": 1}"));
        UUID id = UUID.randomUUID();
        try (RawTopicWriter raw = new RawTopicWriter()) {
            raw.send("replay", EventTestData.envelope(id, application, event));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> StoredEvents.countInvalid(id) == 1);
        String filter = "{\"category\": \"" + category + "\", \"dry_run\": %s}";

        replay(filter.formatted(true)).body("examined", equalTo(1)).body("still_invalid", equalTo(1));

        StoredEvents.execute("INSERT INTO event_types (category, name, version, schema) VALUES ('" + category
                + "', 'thing', 2, '{\"type\":\"object\",\"required\":[\"a\"]}')");
        registry.refresh().await().atMost(Duration.ofSeconds(10));
        replay(filter.formatted(true)).body("now_valid", equalTo(1)).body("dry_run", equalTo(true));
        assertThat(StoredEvents.countValid(id)).as("a dry run stores nothing").isZero();

        replay(filter.formatted(false)).body("now_valid", equalTo(1)).body("dry_run", equalTo(false));
        replay(filter.formatted(false)).body("examined", equalTo(0));

        assertThat(StoredEvents.countValid(id)).isEqualTo(1);
        assertThat(StoredEvents.countedInRollup(application, true)).isEqualTo(1);
        assertThat(StoredEvents.countedInRollup(application, false)).isZero();
        assertThat(StoredEvents.countedOnArrival(application, true)).isEqualTo(1);
        assertThat(StoredEvents.countedOnArrival(application, false)).isZero();
        assertThat(publishedCopies(id, 1)).as("published once it was stored").isEqualTo(1);
    }

    @Test
    void aReplayedEventThatItsReplayDidNotPublishIsPublishedByTheSweep() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(registry::isReady);
        UUID id = UUID.randomUUID();
        ObjectNode broken = EventTestData.seed(0);
        ((ObjectNode) broken.get("data")).remove("path");
        try (RawTopicWriter raw = new RawTopicWriter()) {
            raw.send("sweep", EventTestData.envelope(id, UUID.randomUUID(), broken));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> StoredEvents.countInvalid(id) == 1);
        // What a replay leaves when it dies after its commit and before Kafka acknowledged: the event
        // moved into events, replayed, never recorded as published.
        StoredEvents.execute("INSERT INTO events (event_id, application_id, session_id, category, name, data,"
                + " occurred_at, received_at, kafka_partition, kafka_offset, schema_version)"
                + " SELECT event_id, application_id, (payload->>'session_id')::uuid, category, name, payload->'data',"
                + " occurred_at, received_at, kafka_partition, kafka_offset, 1 FROM invalid_events WHERE event_id = '"
                + id + "'");
        StoredEvents.execute("UPDATE invalid_events SET replay_status = 'replayed', replayed_at = now() - interval '1"
                + " minute' WHERE event_id = '" + id + "'");

        assertThat(publishedCopies(id, 1)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> StoredEvents.validPublished(id));
    }

    private static int publishedCopies(UUID id, int atLeast) {
        return TopicReader.read(
                        Topics.VALID,
                        record -> record.path("event_id").asText().equals(id.toString()),
                        atLeast,
                        Duration.ofSeconds(30))
                .size();
    }

    @Test
    void refusesAnUnknownFilterFieldRatherThanReplayingEverything() {
        replayAs(admin, "{\"catgory\": \"x\", \"dry_run\": false}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("catgory: unknown field"));
    }

    @Test
    void isForAdminsOnly() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/v1/admin/replay")
                .then()
                .statusCode(401);
        replayAs(LocalStackTestResource.jwt().token("ana", "analyst", Duration.ofMinutes(5)), "{}")
                .statusCode(403);
    }

    private io.restassured.response.ValidatableResponse replay(String body) {
        return replayAs(admin, body).statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse replayAs(String token, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/admin/replay")
                .then();
    }
}
