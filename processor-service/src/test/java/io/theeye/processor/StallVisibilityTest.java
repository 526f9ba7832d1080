package io.theeye.processor;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.localstack.LocalStackTestResource;
import io.theeye.processor.validation.EventTypeRegistry;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A partition that keeps retrying shows in readiness, in its gauges and in the backlog endpoint, and
 * recovers by itself.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "migrate", value = "false"))
class StallVisibilityTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Inject
    EventTypeRegistry registry;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aPartitionRetryingOneBatchIsReportedUntilItAdvances() throws Exception {
        await().atMost(WITHIN).until(registry::isReady);
        UUID stuck = UUID.randomUUID();
        // The database refuses this one event with a failure that is worth retrying (a
        // serialization failure), for as long as the trigger exists.
        StoredEvents.execute("CREATE FUNCTION test_refuse_for_now() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'held back by the test' USING ERRCODE = '40001'; END $$");
        StoredEvents.execute("CREATE TRIGGER test_refuse_for_now BEFORE INSERT ON event_ids FOR EACH ROW "
                + "WHEN (NEW.event_id = '" + stuck + "') EXECUTE FUNCTION test_refuse_for_now()");
        try {
            int stuckPartition;
            try (RawTopicWriter raw = new RawTopicWriter()) {
                stuckPartition = raw.sendAndLocate(
                                "stall", EventTestData.envelope(stuck, UUID.randomUUID(), EventTestData.seed(0)))
                        .partition();
            }
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> given().when()
                            .get(ready)
                            .then()
                            .statusCode(503)
                            .body(containsString("raw-partitions"))
                            .body(containsString("retrying for")));
            given().when()
                    .get(metrics)
                    .then()
                    .body(containsString("eye_processor_partition_retrying_seconds"))
                    .body(containsString("eye_processor_partition_unprocessed_age_seconds"));
            // The console's overview reads the same figures from the backlog endpoint.
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> given().auth()
                            .oauth2(LocalStackTestResource.jwt().token("ana", "analyst", Duration.ofMinutes(5)))
                            .when()
                            .get("/v1/backlog")
                            .then()
                            .statusCode(200)
                            .body(
                                    "partitions.find { it.partition == " + stuckPartition + " }.retrying_seconds",
                                    greaterThan(0f))
                            .body(
                                    "partitions.find { it.partition == " + stuckPartition
                                            + " }.oldest_unprocessed_age_seconds",
                                    greaterThan(0f)));
        } finally {
            StoredEvents.execute("DROP TRIGGER test_refuse_for_now ON event_ids");
            StoredEvents.execute("DROP FUNCTION test_refuse_for_now()");
        }
        await().atMost(WITHIN).until(() -> StoredEvents.countValid(stuck) == 1);
        await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().when().get(ready).then().statusCode(200));
    }
}
