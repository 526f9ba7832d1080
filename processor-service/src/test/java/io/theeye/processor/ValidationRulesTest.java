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
                rule(0, e -> e.put("category", "nul\u0000byte"), "invalid_field", "/category"));
    }

    @ParameterizedTest(name = "{2} at {3}")
    @MethodSource("mutations")
    void reportsEachBrokenRuleWithItsCodeAndPath(int seed, Consumer<ObjectNode> mutation, String code, String path) {
        ObjectNode event = EventTestData.seed(seed);
        mutation.accept(event);

        dryRun(event.toString())
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
        given().contentType(ContentType.JSON)
                .body("{\"a\": ")
                .when()
                .post("/v1/validate")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("malformed"));
    }

    private static Arguments rule(int seed, Consumer<ObjectNode> mutation, String code, String path) {
        return Arguments.of(seed, mutation, code, path);
    }

    private static ValidatableResponse dryRun(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/validate")
                .then()
                .statusCode(200);
    }
}
