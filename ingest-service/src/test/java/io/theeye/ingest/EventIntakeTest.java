package io.theeye.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.theeye.ingest.auth.ApplicationKeyStore;
import io.theeye.localstack.ApplicationRegistrar;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.Fixtures;
import io.theeye.localstack.LocalStackTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventIntakeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    ApplicationKeyStore keys;

    private RegisteredApplication app;
    private RawTopicReader rawTopic;

    @BeforeAll
    void registerApplication() {
        app = new ApplicationRegistrar(LocalStackTestResource.endpoints()).register("intake-" + UUID.randomUUID());
        rawTopic = new RawTopicReader();
    }

    @BeforeEach
    void loadKeys() {
        keys.refresh().await().atMost(Duration.ofSeconds(10));
    }

    @AfterAll
    void closeReader() {
        rawTopic.close();
    }

    @Test
    void appendsTheEventExactlyAsSentWithEnvelopeStampedByIngest() throws Exception {
        String event = Fixtures.seedEventTexts().get(0);

        String id = given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body(event)
                .when()
                .post("/v1/events")
                .then()
                .statusCode(202)
                .body("status", equalTo("accepted"))
                .extract()
                .path("event_id");

        RawTopicReader.RawRecord record = rawTopic.find(UUID.fromString(id));
        assertThat(record.key()).isEqualTo(Fixtures.SEED_SESSION);
        assertThat(record.envelope().get("application_id").asText())
                .isEqualTo(app.id().toString());
        assertThat(record.envelope().get("received_at").asText()).isNotBlank();
        assertThat(record.envelope().get("payload")).isEqualTo(MAPPER.readTree(event));
        assertThat(UUID.fromString(id).version())
                .as("assigned ids are time-ordered UUIDv7")
                .isEqualTo(7);
    }

    @Test
    void keepsTheClientsEventIdSoRetriesAreIdempotent() throws Exception {
        UUID clientId = UUID.randomUUID();
        String event = withField(Fixtures.seedEventTexts().get(1), "event_id", clientId.toString());

        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body(event)
                .when()
                .post("/v1/events")
                .then()
                .statusCode(202)
                .body("event_id", equalTo(clientId.toString()));

        assertThat(rawTopic.find(clientId).envelope().get("event_id").asText()).isEqualTo(clientId.toString());
    }

    @Test
    void cannotChooseItsApplicationThroughThePayload() throws Exception {
        String forged = withField(
                Fixtures.seedEventTexts().get(0),
                "application_id",
                UUID.randomUUID().toString());

        String id = given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body(forged)
                .when()
                .post("/v1/events")
                .then()
                .statusCode(202)
                .extract()
                .path("event_id");

        assertThat(rawTopic.find(UUID.fromString(id))
                        .envelope()
                        .get("application_id")
                        .asText())
                .isEqualTo(app.id().toString());
    }

    @Test
    void keysAnEventWithoutSessionByItsEventId() throws Exception {
        String id = given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .when()
                .post("/v1/events")
                .then()
                .statusCode(202)
                .extract()
                .path("event_id");

        assertThat(rawTopic.find(UUID.fromString(id)).key()).isEqualTo(id);
    }

    @Test
    void answersTheChallengesTrailingCommaWithMalformedAndWhere() {
        String broken = """
                {
                  "session_id": "e2085be5-9137-4e4e-80b5-f1ffddc25423",
                  "category": "page interaction",
                  "name": "pageview",
                  "data": { "host": "www.example.com", "path": "/", },
                  "timestamp": "2021-01-01 09:15:27.243860"
                }""";

        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body(broken)
                .when()
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("malformed"))
                .body("detail", containsString("line 5"));
    }

    @Test
    void rejectsTrailingGarbageAfterTheEvent() {
        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body("{\"a\":1} {\"b\":2}")
                .when()
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("code", equalTo("malformed"));
    }

    @Test
    void rejectsAnEventThatIsNotAnObject() {
        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body("[1,2]")
                .when()
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("code", equalTo("malformed"))
                .body("detail", containsString("array"));
    }

    @Test
    void rejectsAnEventIdThatIsNotAUuid() {
        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body("{\"event_id\":\"abc\"}")
                .when()
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_field"));
    }

    @Test
    void answersNonJsonContentWith415() {
        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.TEXT)
                .body("hello")
                .when()
                .post("/v1/events")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void refusesAMissingKey() {
        given().contentType(ContentType.JSON)
                .body(Fixtures.seedEventTexts().get(0))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void refusesAnUnknownKey() {
        given().auth()
                .oauth2("eye_notARealKeyAtAllxxxxxxxxxxxxxxxx")
                .contentType(ContentType.JSON)
                .body(Fixtures.seedEventTexts().get(0))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(401);
    }

    @Test
    void refusesTheKeyOfADisabledApplication() {
        ApplicationRegistrar registrar = new ApplicationRegistrar(LocalStackTestResource.endpoints());
        RegisteredApplication doomed = registrar.register("doomed-" + UUID.randomUUID());
        keys.refresh().await().atMost(Duration.ofSeconds(10));
        given().auth()
                .oauth2(doomed.key())
                .contentType(ContentType.JSON)
                .body(Fixtures.seedEventTexts().get(0))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(202);

        registrar.disable(doomed.id());
        keys.refresh().await().atMost(Duration.ofSeconds(10));

        given().auth()
                .oauth2(doomed.key())
                .contentType(ContentType.JSON)
                .body(Fixtures.seedEventTexts().get(0))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(401);
    }

    @Test
    void keepsAcceptingTheOldKeyDuringTheRotationOverlapAndRefusesItAfter() {
        ApplicationRegistrar registrar = new ApplicationRegistrar(LocalStackTestResource.endpoints());
        RegisteredApplication original = registrar.register("rotating-" + UUID.randomUUID());

        RegisteredApplication rotated = registrar.rotate(original.id(), Duration.ofHours(1));
        keys.refresh().await().atMost(Duration.ofSeconds(10));
        postWith(original.key()).then().statusCode(202);
        postWith(rotated.key()).then().statusCode(202);

        RegisteredApplication again = registrar.rotate(original.id(), Duration.ofSeconds(-1));
        keys.refresh().await().atMost(Duration.ofSeconds(10));
        postWith(original.key()).then().statusCode(401);
        postWith(rotated.key()).then().statusCode(401);
        postWith(again.key()).then().statusCode(202);
    }

    @Test
    void acceptsAnEventAtTheSizeLimitAndRefusesOneByteMore() {
        String atLimit = padded(32768);
        String overLimit = padded(32769);

        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body(atLimit)
                .when()
                .post("/v1/events")
                .then()
                .statusCode(202);
        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body(overLimit)
                .when()
                .post("/v1/events")
                .then()
                .statusCode(413)
                .body("code", equalTo("too_large"))
                .body("detail", containsString("32768"));
    }

    @Test
    void acceptsGoodItemsOfABatchAndRejectsBadOnesByIndex() throws Exception {
        String good = Fixtures.seedEventTexts().get(2);
        String batch = "{\"events\": [" + good + ", 42, " + good + ", {\"event_id\": 7}]}";

        JsonNode response = MAPPER.readTree(given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body(batch)
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(2))
                .body("results", hasSize(4))
                .body("results[1].status", equalTo("rejected"))
                .body("results[1].error.code", equalTo("malformed"))
                .body("results[3].error.code", equalTo("invalid_field"))
                .body("results[0].event_id", notNullValue())
                .extract()
                .asString());

        UUID first = UUID.fromString(response.at("/results/0/event_id").asText());
        UUID third = UUID.fromString(response.at("/results/2/event_id").asText());
        assertThat(rawTopic.find(first).envelope().get("payload")).isEqualTo(MAPPER.readTree(good));
        assertThat(rawTopic.find(third)).isNotNull();
    }

    @Test
    void answersABatchWithNothingAcceptableWith400AndTheReasons() {
        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body("{\"events\": [1, \"x\"]}")
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(400)
                .body("accepted", equalTo(0))
                .body("results", hasSize(2));
    }

    @Test
    void refusesABatchOverTheEventCountLimit() {
        StringBuilder batch = new StringBuilder("{\"events\": [");
        for (int i = 0; i < 501; i++) {
            batch.append(i == 0 ? "" : ",").append("{}");
        }
        batch.append("]}");

        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body(batch.toString())
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(413)
                .body("code", equalTo("too_large"))
                .body("detail", containsString("500"));
    }

    @Test
    void acceptsABatchOfExactly500Events() {
        String event = Fixtures.seedEventTexts().get(0);
        String batch = "{\"events\": [" + String.join(",", java.util.Collections.nCopies(500, event)) + "]}";

        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body(batch)
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(500));
    }

    @Test
    void refusesARequestBodyOverTheByteLimitNamingIt() {
        String big = padded(30_000);
        String batch = "{\"events\": [" + String.join(",", java.util.Collections.nCopies(18, big)) + "]}";

        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body(batch)
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(413)
                .body("code", equalTo("too_large"))
                .body("detail", containsString("524288"));
    }

    @Test
    void refusesABatchBodyWithoutAnEventsArray() {
        given().auth()
                .oauth2(app.key())
                .contentType(ContentType.JSON)
                .body("{\"event\": []}")
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(400)
                .body("code", equalTo("malformed"));
    }

    private static io.restassured.response.Response postWith(String key) {
        return given().auth()
                .oauth2(key)
                .contentType(ContentType.JSON)
                .body(Fixtures.seedEventTexts().get(0))
                .when()
                .post("/v1/events");
    }

    private static String withField(String json, String field, String value) throws Exception {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(json);
        node.put(field, value);
        return node.toString();
    }

    /** An event whose serialized size is exactly {@code bytes}. */
    private static String padded(int bytes) {
        String head = "{\"session_id\":\"" + Fixtures.SEED_SESSION + "\",\"pad\":\"";
        String tail = "\"}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }
}
