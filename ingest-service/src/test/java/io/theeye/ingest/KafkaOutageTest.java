package io.theeye.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.ingest.auth.ApplicationKeyStore;
import io.theeye.localstack.Fixtures;
import io.theeye.localstack.LocalStackTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Kafka really stopped and started again: ingest must answer at once, never hang, and recover alone. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class KafkaOutageTest {

    /** The configured send timeout is 2 s; anything far beyond it means a client was left hanging. */
    private static final long HANGING_MILLIS = 6_000;

    @Inject
    ApplicationKeyStore keys;

    @Test
    void answers503WithRetryAfterWhileKafkaIsDownAndAcceptsAgainOnceItIsBack() {
        ClientApplication app = ClientApplication.register(keys, "outage");
        String event = Fixtures.seedEventTexts().get(0);
        app.postEvent(event).then().statusCode(202);

        LocalStackTestResource.stopKafka();
        try {
            long started = System.nanoTime();
            app.postEvent(event)
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("code", equalTo("unavailable"))
                    // The id ingest gave the event, so that a retry with it is stored once.
                    .body("events[0].index", equalTo(0))
                    .body("events[0].event_id", notNullValue());
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(HANGING_MILLIS);
            String ownId = java.util.UUID.randomUUID().toString();
            String batch = "{\"events\": [" + event + ", 17, "
                    + event.replaceFirst("\\{", "{\"event_id\": \"" + ownId + "\", ") + "]}";
            app.postBatch(batch)
                    .then()
                    .statusCode(503)
                    .body("events.index", org.hamcrest.Matchers.contains(0, 2))
                    .body("events[0].event_id", notNullValue())
                    .body("events[1].event_id", equalTo(ownId));
        } finally {
            LocalStackTestResource.startKafka();
        }

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> app.postEvent(event).statusCode() == 202);
    }
}
