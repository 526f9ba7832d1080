package io.theeye.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed events travel the whole path: ingest, Kafka, processor, PostgreSQL, query. */
class WalkingSkeletonTest {

    private static RunningEye eye;

    @BeforeAll
    static void start() {
        eye = RunningEye.start();
    }

    @AfterAll
    static void stop() {
        if (eye != null) {
            eye.close();
        }
    }

    @Test
    void seedEventsPostedToIngestComeBackFromQueryInPostedOrderWithDataIntact() {
        RegisteredApplication app = eye.registerApplication("walking-skeleton");
        List<JsonNode> seeds = Fixtures.seedEvents();
        List<String> ids = new ArrayList<>();
        for (JsonNode event : seeds) {
            Http.Answer accepted = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> Http.post(eye.ingest.url("/v1/events"), app.key(), event.toString()),
                            a -> a.status() != 401);
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
            ids.add(accepted.body().get("event_id").asText());
        }

        String analyst = eye.analystToken();
        JsonNode timeline = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> Http.get(eye.query.url("/v1/sessions/" + Fixtures.SEED_SESSION + "/events"), analyst)
                                .body(),
                        body -> body != null && body.path("count").asInt() == 3);

        JsonNode events = timeline.get("events");
        for (int i = 0; i < seeds.size(); i++) {
            assertThat(events.get(i).get("event_id").asText()).isEqualTo(ids.get(i));
            assertThat(events.get(i).get("name")).isEqualTo(seeds.get(i).get("name"));
            assertThat(events.get(i).get("category")).isEqualTo(seeds.get(i).get("category"));
            assertThat(events.get(i).get("data")).isEqualTo(seeds.get(i).get("data"));
            assertThat(events.get(i).get("timestamp").asText()).isEqualTo("2021-01-01T09:15:27.243860Z");
            assertThat(events.get(i).get("application_id").asText())
                    .isEqualTo(app.id().toString());
        }
    }
}
