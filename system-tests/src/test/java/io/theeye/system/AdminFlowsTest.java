package io.theeye.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admin flows end to end, through the packaged services: an application registered through
 * query-service's admin API sends events to ingest with its key, keeps sending across a key
 * rotation and is refused once disabled; a schema version registered through the admin API
 * changes what the processor accepts.
 *
 * <p>Written in query-service (src/test/e2e) for system-tests: it uses RunningEye and Http.
 */
class AdminFlowsTest {

    /** Ingest reloads keys every second here (RunningEye), the processor its registry every 5 s. */
    private static final Duration PICKED_UP_WITHIN = Duration.ofSeconds(30);

    private static final Duration STORED_WITHIN = Duration.ofSeconds(60);

    private static RunningEye eye;
    private static String admin;

    @BeforeAll
    static void start() {
        eye = RunningEye.start();
        admin = eye.jwt.token("system-test-admin", "admin", Duration.ofMinutes(30));
    }

    @AfterAll
    static void stop() {
        if (eye != null) {
            eye.close();
        }
    }

    private static URI query(String path) {
        return eye.query.url(path);
    }

    private static String event(String category, String name, String data) {
        return "{\"session_id\": \"" + UUID.randomUUID() + "\", \"category\": \"" + category + "\", \"name\": \"" + name
                + "\", \"data\": " + data + ", \"timestamp\": \"" + Instant.now() + "\"}";
    }

    private static String pageview() {
        return event("page interaction", "pageview", "{\"host\": \"www.example.com\", \"path\": \"/\"}");
    }

    /** Posts until ingest stops answering 401 (it learns new keys on its next refresh). */
    private static Http.Answer postWhenKnown(String key, String event) {
        return await().atMost(PICKED_UP_WITHIN)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Http.post(eye.ingest.url("/v1/events"), key, event), answer -> answer.status() != 401);
    }

    private static int storedEventsOf(String applicationId, String extraQuery) {
        Http.Answer page = Http.get(query("/v1/events?limit=1000&application=" + applicationId + extraQuery), admin);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        return page.body().get("events").size();
    }

    @Test
    void aRegisteredApplicationsKeyWorksAtIngestAcrossARotationUntilItIsDisabled() {
        String name = "e2e-shop-" + UUID.randomUUID();
        Http.Answer registered = Http.post(query("/v1/admin/applications"), admin, "{\"name\": \"" + name + "\"}");
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        String id = registered.body().get("application_id").asText();
        String firstKey = registered.body().get("key").asText();

        Http.Answer accepted = postWhenKnown(firstKey, pageview());
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        await().atMost(STORED_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> storedEventsOf(id, "") == 1);

        Http.Answer rotated = Http.post(query("/v1/admin/applications/" + id + "/keys"), admin, "{}");
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(201);
        String secondKey = rotated.body().get("key").asText();
        assertThat(secondKey).isNotEqualTo(firstKey);
        assertThat(Instant.parse(rotated.body().get("previous_keys_expire_at").asText()))
                .isAfter(Instant.now().plus(Duration.ofHours(23)));

        assertThat(postWhenKnown(secondKey, pageview()).status()).isEqualTo(202);
        // The overlap: the first key keeps working for the clients that have not switched yet.
        assertThat(Http.post(eye.ingest.url("/v1/events"), firstKey, pageview()).status())
                .isEqualTo(202);
        await().atMost(STORED_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> storedEventsOf(id, "") == 3);

        Http.Answer disabled = Http.post(query("/v1/admin/applications/" + id + "/disable"), admin, "{}");
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(disabled.body().get("status").asText()).isEqualTo("disabled");
        await().atMost(PICKED_UP_WITHIN)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Http.post(eye.ingest.url("/v1/events"), secondKey, pageview())
                                .status()
                        == 401);
        assertThat(Http.post(eye.ingest.url("/v1/events"), firstKey, pageview()).status())
                .isEqualTo(401);
        // Its events stay: disabling deletes nothing (posts accepted until ingest's refresh may add some).
        assertThat(storedEventsOf(id, "")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aNewSchemaVersionChangesWhatTheProcessorAccepts() {
        Http.Answer registered = Http.post(
                query("/v1/admin/applications"), admin, "{\"name\": \"e2e-schemas-" + UUID.randomUUID() + "\"}");
        String id = registered.body().get("application_id").asText();
        String key = registered.body().get("key").asText();
        String category = "e2e checkout";
        String name = "purchase-" + UUID.randomUUID().toString().substring(0, 8);
        String typePath = "/v1/admin/event-types/e2e%20checkout/" + name + "/versions";
        String typeFilter = "&category=e2e%20checkout&name=" + name;

        // Version 1 of a new type: only host is required.
        Http.Answer v1 = Http.post(
                query(typePath),
                admin,
                "{\"schema\": {\"type\": \"object\", \"required\": [\"host\"], "
                        + "\"properties\": {\"host\": {\"type\": \"string\"}, \"amount\": {\"type\": \"integer\"}}}}");
        assertThat(v1.status()).as(v1.text()).isEqualTo(201);
        assertThat(v1.body().get("version").asInt()).isEqualTo(1);

        // Until the processor reloads its registry the type is unknown; from then on the event is valid.
        String withoutAmount = "{\"host\": \"shop.example.com\"}";
        assertThat(postWhenKnown(key, event(category, name, withoutAmount)).status())
                .isEqualTo(202);
        await().atMost(STORED_WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Http.post(eye.ingest.url("/v1/events"), key, event(category, name, withoutAmount));
            return storedEventsOf(id, typeFilter) > 0;
        });

        // Version 2 requires amount: refused as incompatible, with the reason, unless forced.
        String v2Schema = "{\"schema\": {\"type\": \"object\", \"required\": [\"host\", \"amount\"], "
                + "\"properties\": {\"host\": {\"type\": \"string\"}, \"amount\": {\"type\": \"integer\"}}}}";
        Http.Answer refused = Http.post(query(typePath), admin, v2Schema);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.body().get("code").asText()).isEqualTo("incompatible_schema");
        assertThat(refused.body().get("errors").get(0).get("rule").asText()).isEqualTo("required_added");
        Http.Answer forced = Http.post(query(typePath + "?force=true"), admin, v2Schema);
        assertThat(forced.status()).as(forced.text()).isEqualTo(201);
        assertThat(forced.body().get("version").asInt()).isEqualTo(2);
        assertThat(forced.body().get("forced").asBoolean()).isTrue();

        // Once the processor has version 2, an event without amount is invalid (schema_violation) ...
        await().atMost(STORED_WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Http.post(eye.ingest.url("/v1/events"), key, event(category, name, withoutAmount));
            Http.Answer invalid =
                    Http.get(query("/v1/invalid-events?code=schema_violation&application=" + id + typeFilter), admin);
            return invalid.status() == 200 && invalid.body().get("events").size() > 0;
        });
        JsonNode invalid = Http.get(query("/v1/invalid-events?code=schema_violation&application=" + id), admin)
                .body()
                .get("events")
                .get(0);
        assertThat(invalid.get("payload").get("data").has("amount")).isFalse();
        assertThat(invalid.get("errors").toString()).contains("amount");

        // ... and one with amount is stored as valid under version 2.
        assertThat(Http.post(
                                eye.ingest.url("/v1/events"),
                                key,
                                event(category, name, "{\"host\": \"h\", \"amount\": 42}"))
                        .status())
                .isEqualTo(202);
        await().atMost(STORED_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode events = Http.get(query("/v1/events?limit=1000&application=" + id + typeFilter), admin)
                    .body()
                    .get("events");
            for (JsonNode stored : events) {
                if (stored.get("schema_version").asInt() == 2) {
                    return stored.get("data").get("amount").asInt() == 42;
                }
            }
            return false;
        });
    }
}
