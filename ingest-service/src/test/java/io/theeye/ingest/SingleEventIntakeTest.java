package io.theeye.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.theeye.ingest.auth.ApplicationKeyStore;
import io.theeye.localstack.Fixtures;
import io.theeye.localstack.LocalStackTestResource;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One event at a time: what reaches the raw topic, and what is refused before it. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleEventIntakeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    ApplicationKeyStore keys;

    private ClientApplication app;
    private RawTopicReader rawTopic;

    @BeforeAll
    void registerApplication() {
        app = ClientApplication.register(keys, "intake");
        rawTopic = new RawTopicReader();
    }

    @BeforeEach
    void loadKeys() {
        ClientApplication.reloadKeys(keys);
    }

    @AfterAll
    void closeReader() {
        rawTopic.close();
    }

    @Test
    void appendsTheEventExactlyAsSentWithEnvelopeStampedByIngest() throws Exception {
        String event = Fixtures.seedEventTexts().get(0);

        String id = app.postEvent(event)
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

        app.postEvent(event).then().statusCode(202).body("event_id", equalTo(clientId.toString()));

        assertThat(rawTopic.find(clientId).envelope().get("event_id").asText()).isEqualTo(clientId.toString());
    }

    @Test
    void cannotChooseItsApplicationThroughThePayload() throws Exception {
        String forged = withField(
                Fixtures.seedEventTexts().get(0),
                "application_id",
                UUID.randomUUID().toString());

        String id = app.postEvent(forged).then().statusCode(202).extract().path("event_id");

        assertThat(rawTopic.find(UUID.fromString(id))
                        .envelope()
                        .get("application_id")
                        .asText())
                .isEqualTo(app.id().toString());
    }

    @Test
    void keysAnEventWithoutSessionByItsEventId() throws Exception {
        String id = app.postEvent("{\"name\":\"x\"}")
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

        app.postEvent(broken)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("malformed"))
                .body("detail", containsString("line 5"));
    }

    @Test
    void rejectsTrailingGarbageAfterTheEvent() {
        app.postEvent("{\"a\":1} {\"b\":2}").then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void rejectsAnEventThatIsNotAnObject() {
        app.postEvent("[1,2]")
                .then()
                .statusCode(400)
                .body("code", equalTo("malformed"))
                .body("detail", containsString("array"));
    }

    @Test
    void rejectsAnEventIdThatIsNotAUuid() {
        app.postEvent("{\"event_id\":\"abc\"}").then().statusCode(400).body("code", equalTo("invalid_field"));
    }

    @Test
    void answersNonJsonContentWith415() {
        ClientApplication.posting(app.key(), "hello")
                .contentType(ContentType.TEXT)
                .when()
                .post("/v1/events")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void acceptsAnEventAtTheSizeLimitAndRefusesOneByteMore() {
        app.postEvent(padded(32768)).then().statusCode(202);
        app.postEvent(padded(32769))
                .then()
                .statusCode(413)
                .body("code", equalTo("too_large"))
                .body("detail", containsString("32768"));
    }

    private static String withField(String json, String field, String value) throws Exception {
        ObjectNode node = (ObjectNode) MAPPER.readTree(json);
        node.put(field, value);
        return node.toString();
    }

    /** An event whose serialized size is exactly {@code bytes}. */
    static String padded(int bytes) {
        String head = "{\"session_id\":\"" + Fixtures.SEED_SESSION + "\",\"pad\":\"";
        String tail = "\"}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }
}
