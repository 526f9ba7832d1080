package io.theeye.processor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.theeye.localstack.LocalStackTestResource;
import io.theeye.processor.validation.EventTypeRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of the contract, through the dry-run endpoint against the real registry. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "migrate", value = "false"))
class ValidationRulesTest {

    @Inject
    EventTypeRegistry registry;

    @BeforeEach
    void registryLoaded() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            registry.refresh().await().atMost(Duration.ofSeconds(5));
            return registry.isReady();
        });
    }

    @Test
    void acceptsTheThreeSeedEvents() {
        String batch = "{\"events\": [" + EventTestData.seed(0) + "," + EventTestData.seed(1) + ","
                + EventTestData.seed(2) + "]}";
        dryRun(batch)
                .body("valid", equalTo(3))
                .body("invalid", equalTo(0))
                .body("results[0].schema_version", equalTo(1));
    }

    static Stream<Arguments> mutations() {
        return Stream.of(
                rule(0, e -> e.remove("session_id"), "missing_field", "/session_id"),
                rule(0, e -> e.put("session_id", "not-a-uuid"), "invalid_field", "/session_id"),
                rule(0, e -> e.put("session_id", 42), "invalid_field", "/session_id"),
                rule(1, e -> e.remove("category"), "missing_field", "/category"),
                rule(1, e -> e.put("category", ""), "invalid_field", "/category"),
                rule(1, e -> e.put("name", "x".repeat(256)), "invalid_field", "/name"),
                rule(2, e -> e.remove("data"), "missing_field", "/data"),
                rule(2, e -> e.put("data", "text"), "invalid_field", "/data"),
                rule(0, e -> e.remove("timestamp"), "missing_field", "/timestamp"),
                rule(0, e -> e.put("timestamp", "yesterday"), "invalid_timestamp", "/timestamp"),
                rule(0, e -> e.put("timestamp", "2021-02-30 09:15:27"), "invalid_timestamp", "/timestamp"),
                rule(
                        0,
                        e -> e.put(
                                "timestamp",
                                Instant.now().plus(Duration.ofHours(1)).toString()),
                        "future_timestamp",
                        "/timestamp"),
                rule(0, e -> e.put("name", "page exploded"), "unknown_event_type", ""),
                rule(0, e -> ((ObjectNode) e.get("data")).remove("host"), "schema_violation", "/data"),
                rule(1, e -> ((ObjectNode) e.get("data")).put("element", 42), "schema_violation", "/data/element"),
                rule(2, e -> ((ObjectNode) e.get("data")).put("form", "John"), "schema_violation", "/data/form"),
                rule(0, e -> e.put("category", "nul\u0000byte"), "invalid_field", "/category"),
                rule(0, e -> e.put("name", "half \ud800 of a pair"), "invalid_field", "/name"),
                rule(0, e -> ((ObjectNode) e.get("data")).put("a\u0000b", 1), "invalid_field", "/data/a\\u0000b"),
                rule(0, e -> ((ObjectNode) e.get("data")).put("note", "\udc00"), "invalid_field", "/data/note"),
                rule(
                        0,
                        e -> ((ObjectNode) e.get("data")).put("big", new java.math.BigDecimal("1e1001")),
                        "invalid_field",
                        "/data/big"),
                rule(
                        0,
                        e -> ((ObjectNode) e.get("data")).put("tiny", new java.math.BigDecimal("1e-1001")),
                        "invalid_field",
                        "/data/tiny"),
                rule(0, e -> ((ObjectNode) e.get("data")).set("deep", nested(100)), "invalid_field", deepPath(100)));
    }

    /** Arrays nested {@code levels} deep. */
    private static com.fasterxml.jackson.databind.JsonNode nested(int levels) {
        com.fasterxml.jackson.databind.node.ArrayNode node = EventTestData.MAPPER.createArrayNode();
        for (int i = 1; i < levels; i++) {
            node = EventTestData.MAPPER.createArrayNode().add(node);
        }
        return node;
    }

    /** Where nesting of "data" (level 2) and "deep" (level 3) first passes 100 levels. */
    private static String deepPath(int levels) {
        return "/data/deep" + "/0".repeat(100 - 3 + 1);
    }

    @ParameterizedTest(name = "{2} at {3}")
    @MethodSource("mutations")
    void reportsEachBrokenRuleWithItsCodeAndPath(int seed, Consumer<ObjectNode> mutation, String code, String path) {
        ObjectNode event = EventTestData.seed(seed);
        mutation.accept(event);

        dryRun(EventTestData.ascii(event))
                .body("invalid", equalTo(1))
                .body("results[0].errors", hasSize(1))
                .body("results[0].errors[0].code", equalTo(code))
                .body("results[0].errors[0].path", equalTo(path));
    }

    @Test
    void reportsEveryErrorOfAnEventNotOnlyTheFirst() {
        ObjectNode event = EventTestData.seed(0);
        event.put("session_id", "nope");
        event.put("timestamp", "never");
        event.remove("data");

        dryRun(event.toString()).body("results[0].errors", hasSize(3));
    }

    @Test
    void judgesTheSkewCorrectedTimeWhenTheClientSaysWhenItSent() {
        Instant clientClockAheadByAnHour = Instant.now().plus(Duration.ofHours(1));
        ObjectNode event = EventTestData.seed(0);
        event.put("timestamp", clientClockAheadByAnHour.minusSeconds(5).toString());
        event.put("sent_at", clientClockAheadByAnHour.toString());

        dryRun(event.toString()).body("valid", equalTo(1));
    }

    @Test
    void judgesEachEventOfABatchOnItsOwn() {
        ObjectNode bad = EventTestData.seed(1);
        bad.remove("name");
        String batch = "{\"events\": [" + EventTestData.seed(0) + "," + bad + ", 17]}";

        dryRun(batch)
                .body("valid", equalTo(1))
                .body("results[1].errors[0].code", equalTo("missing_field"))
                .body("results[2].errors[0].code", equalTo("malformed"));
    }

    @Test
    void answersABodyThatIsNotJsonWithProblemDetails() {
        as(analyst(), "{\"a\": ")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("malformed"));
    }

    private static Arguments rule(int seed, Consumer<ObjectNode> mutation, String code, String path) {
        return Arguments.of(seed, mutation, code, path);
    }

    @Test
    void needsAnApplicationKeyOrAnAnalystsToken() {
        given().contentType(ContentType.JSON)
                .body(EventTestData.seed(0).toString())
                .when()
                .post("/v1/validate")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2("eye_NotAKeyAnybodyHasBeenGiven0000000")
                .contentType(ContentType.JSON)
                .body(EventTestData.seed(0).toString())
                .when()
                .post("/v1/validate")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        String key = new io.theeye.localstack.ApplicationRegistrar(LocalStackTestResource.endpoints())
                .register("dry-run-" + java.util.UUID.randomUUID())
                .key();
        given().auth()
                .oauth2(key)
                .contentType(ContentType.JSON)
                .body(EventTestData.seed(0).toString())
                .when()
                .post("/v1/validate")
                .then()
                .statusCode(200)
                .body("valid", equalTo(1));
    }

    @Test
    void keepsIngestsLimits() {
        String event = EventTestData.seed(0).toString();
        String tooMany = "{\"events\": [" + String.join(",", java.util.Collections.nCopies(501, event)) + "]}";
        as(analyst(), tooMany).statusCode(413).body("code", equalTo("too_large"));
        ObjectNode big = EventTestData.seed(0);
        ((ObjectNode) big.get("data")).put("padding", "x".repeat(40_000));
        as(analyst(), big.toString()).statusCode(413).body("detail", org.hamcrest.Matchers.containsString("32768"));
        as(analyst(), "{\"events\": [" + big + "]}")
                .statusCode(200)
                .body("results[0].errors[0].code", equalTo("too_large"));
    }

    private static String analyst() {
        return LocalStackTestResource.jwt().token("ana", "analyst", Duration.ofMinutes(5));
    }

    private static ValidatableResponse as(String token, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/validate")
                .then();
    }

    private static ValidatableResponse dryRun(String body) {
        return as(analyst(), body).statusCode(200);
    }
}
