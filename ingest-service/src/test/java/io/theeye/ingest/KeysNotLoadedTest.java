package io.theeye.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.theeye.localstack.Fixtures;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An ingest that has not read the keys yet (PostgreSQL unreachable since it started) cannot tell
 * a good key from a bad one: it answers 503 so that clients retry, never 401 so that they drop.
 */
@QuarkusTest
@TestProfile(KeysNotLoadedTest.PostgresUnreachable.class)
class KeysNotLoadedTest {

    /** Nothing listens on port 1; Kafka is not needed before the key check. */
    public static class PostgresUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/eye",
                    "kafka.bootstrap.servers", "127.0.0.1:1",
                    "eye.kafka.password", "unused");
        }
    }

    @Test
    void answers503WithRetryAfterUntilTheKeysAreLoaded() {
        ClientApplication.postEvent(
                        "eye_" + "A".repeat(32), Fixtures.seedEventTexts().get(0))
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("unavailable"));
    }

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @Test
    void isNotReadyUntilTheKeysAreLoaded() {
        given().when().get(readiness).then().statusCode(503);
    }
}
