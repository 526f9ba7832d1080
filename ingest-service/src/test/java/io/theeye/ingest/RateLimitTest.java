package io.theeye.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.theeye.ingest.auth.ApplicationKeyStore;
import io.theeye.localstack.ApplicationRegistrar;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.Fixtures;
import io.theeye.localstack.LocalStackTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With a per-application limit configured, the events past it are answered 429 with Retry-After. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@TestProfile(RateLimitTest.OneEventPerSecond.class)
class RateLimitTest {

    /** One event per second sustained, bursts of two more. */
    public static class OneEventPerSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eye.ingest.rate-limit.events-per-second", "1", "eye.ingest.rate-limit.burst", "2");
        }
    }

    @Inject
    ApplicationKeyStore keys;

    @Test
    void answersEventsBeyondTheLimitWith429AndLeavesOtherApplicationsAlone() {
        ApplicationRegistrar registrar = new ApplicationRegistrar(LocalStackTestResource.endpoints());
        RegisteredApplication busy = registrar.register("busy-" + UUID.randomUUID());
        RegisteredApplication quiet = registrar.register("quiet-" + UUID.randomUUID());
        keys.refresh().await().atMost(Duration.ofSeconds(10));

        String batchOfThree = "{\"events\": [" + String.join(",", Fixtures.seedEventTexts()) + "]}";
        given().auth()
                .oauth2(busy.key())
                .contentType(ContentType.JSON)
                .body(batchOfThree)
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(202);
        given().auth()
                .oauth2(busy.key())
                .contentType(ContentType.JSON)
                .body(batchOfThree)
                .when()
                .post("/v1/batch")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("rate_limited"));

        given().auth()
                .oauth2(quiet.key())
                .contentType(ContentType.JSON)
                .body(Fixtures.seedEventTexts().get(0))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(202);
    }
}
