package io.theeye.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.ingest.auth.ApplicationKeyStore;
import io.theeye.localstack.Fixtures;
import io.theeye.localstack.LocalStackTestResource;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Batches: each item judged on its own, in request order, within the count and byte limits. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchIntakeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    ApplicationKeyStore keys;

    private ClientApplication app;
    private RawTopicReader rawTopic;

    @BeforeAll
    void registerApplication() {
        app = ClientApplication.register(keys, "batch");
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
    void acceptsGoodItemsOfABatchAndRejectsBadOnesByIndex() throws Exception {
        String good = Fixtures.seedEventTexts().get(2);
        String batch = "{\"events\": [" + good + ", 42, " + good + ", {\"event_id\": 7}]}";

        JsonNode response = MAPPER.readTree(app.postBatch(batch)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(2))
                .body("results", hasSize(4))
                .body("results[1].status", equalTo("rejected"))
                .body("results[1].error.code", equalTo("malformed"))
                .body("results[3].error.code", equalTo("invalid_field"))
                .body("results[0].event_id", notNullValue())
                .extract()
                .asString());

        UUID first = UUID.fromString(response.at("/results/0/event_id").asText());
        UUID third = UUID.fromString(response.at("/results/2/event_id").asText());
        assertThat(rawTopic.find(first).envelope().get("payload")).isEqualTo(MAPPER.readTree(good));
        assertThat(rawTopic.find(third)).isNotNull();
    }

    @Test
    void answersABatchWithNothingAcceptableWith400AndTheReasons() {
        app.postBatch("{\"events\": [1, \"x\"]}")
                .then()
                .statusCode(400)
                .body("accepted", equalTo(0))
                .body("results", hasSize(2));
    }

    @Test
    void refusesABatchOverTheEventCountLimit() {
        app.postBatch("{\"events\": [" + String.join(",", Collections.nCopies(501, "{}")) + "]}")
                .then()
                .statusCode(413)
                .body("code", equalTo("too_large"))
                .body("detail", containsString("500"));
    }

    @Test
    void acceptsABatchOfExactly500Events() {
        String event = Fixtures.seedEventTexts().get(0);
        app.postBatch("{\"events\": [" + String.join(",", Collections.nCopies(500, event)) + "]}")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(500));
    }

    @Test
    void refusesARequestBodyOverTheByteLimitNamingIt() {
        String big = SingleEventIntakeTest.padded(30_000);
        app.postBatch("{\"events\": [" + String.join(",", Collections.nCopies(18, big)) + "]}")
                .then()
                .statusCode(413)
                .body("code", equalTo("too_large"))
                .body("detail", containsString("524288"));
    }

    @Test
    void refusesABatchBodyWithoutAnEventsArray() {
        app.postBatch("{\"event\": []}").then().statusCode(400).body("code", equalTo("malformed"));
    }
}
