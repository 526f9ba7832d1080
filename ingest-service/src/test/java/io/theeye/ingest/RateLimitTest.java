package io.theeye.ingest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.theeye.ingest.auth.ApplicationKeyStore;
import io.theeye.localstack.Fixtures;
import io.theeye.localstack.LocalStackTestResource;
import jakarta.inject.Inject;
import java.util.Map;
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
        ClientApplication busy = ClientApplication.register(keys, "busy");
        ClientApplication quiet = ClientApplication.register(keys, "quiet");

        String batchOfThree = "{\"events\": [" + String.join(",", Fixtures.seedEventTexts()) + "]}";
        busy.postBatch(batchOfThree).then().statusCode(202);
        busy.postBatch(batchOfThree)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("rate_limited"));

        quiet.postEvent(Fixtures.seedEventTexts().get(0)).then().statusCode(202);
    }
}
