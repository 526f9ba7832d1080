package io.theeye.processor;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * What operators rely on: readiness and the counters by result, code, type and application, on the
 * management interface and not on the public port.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "migrate", value = "false"))
class ProcessorOperationsTest {

    @Inject
    EventTypeRegistry registry;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void countsValidAndInvalidEventsByCodeTypeAndApplicationAndExposesConsumerLag() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(registry::isReady);
        UUID application = UUID.randomUUID();
        UUID valid = UUID.randomUUID();
        UUID invalid = UUID.randomUUID();
        ObjectNode broken = EventTestData.seed(1);
        broken.remove("timestamp");
        try (RawTopicWriter raw = new RawTopicWriter()) {
            raw.send("ops", EventTestData.envelope(valid, application, EventTestData.seed(0)));
            raw.send("ops", EventTestData.envelope(invalid, application, broken));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> StoredEvents.countInvalid(invalid) == 1);

        given().when().get(readiness).then().statusCode(200).body(containsString("schema-and-registry"));
        given().when().get("/q/metrics").then().statusCode(404);
        given().when()
                .get(metrics)
                .then()
                .statusCode(200)
                .body(containsString("eye_processor_events_total{application=\"" + application
                        + "\",code=\"none\",result=\"valid\",type=\"page interaction/pageview\"}"))
                .body(containsString("eye_processor_events_total{application=\"" + application
                        + "\",code=\"missing_field\",result=\"invalid\",type=\"page interaction/cta click\"}"))
                .body(containsString("eye_processor_batch_duration_seconds_bucket"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag"));
    }
}
