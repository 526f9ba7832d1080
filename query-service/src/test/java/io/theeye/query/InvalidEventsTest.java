package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.theeye.localstack.LocalStackTestResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class InvalidEventsTest {

    private static final Instant T0 = Instant.parse("2021-06-01T10:00:00Z");

    private final String analyst = Tokens.analyst();
    private UUID application;
    private UUID missingPath;
    private UUID badTimeAndType;
    private UUID unknownType;
    private UUID replayed;

    /** Four invalid events of an application of their own, a minute apart. */
    @BeforeEach
    void storeInvalidEvents() {
        application = UUID.randomUUID();
        missingPath = InvalidEventRows.of(application)
                .receivedAt(T0)
                .error("schema_violation", "/data/path", "required property 'path' not found")
                .insert();
        badTimeAndType = InvalidEventRows.of(application)
                .type("form interaction", "submit")
                .receivedAt(T0.plusSeconds(60))
                .error("invalid_timestamp", "/timestamp", "not a time")
                .error("schema_violation", "/data/form", "required property 'form' not found")
                .insert();
        unknownType = InvalidEventRows.of(application)
                .type("page interaction", "scroll")
                .receivedAt(T0.plusSeconds(120))
                .error("unknown_event_type", "/name", "no event type page interaction/scroll")
                .insert();
        replayed = InvalidEventRows.of(application)
                .receivedAt(T0.plusSeconds(180))
                .error("schema_violation", "/data/host", "required property 'host' not found")
                .replayStatus("still_invalid")
                .insert();
    }

    private JsonPath list(String query) {
        return given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/invalid-events?application=" + application + (query.isEmpty() ? "" : "&" + query))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private List<String> ids(String query) {
        return list(query).getList("events.event_id", String.class);
    }

    @Test
    void listsNewestFirstWithPayloadEveryErrorAndReplayStatus() {
        JsonPath page = list("");
        assertThat(page.getList("events.event_id", String.class))
                .containsExactly(
                        replayed.toString(), unknownType.toString(), badTimeAndType.toString(), missingPath.toString());
        assertThat(page.getString("next_cursor")).isNull();
        assertThat(page.getList("events[1].error_codes", String.class)).containsExactly("unknown_event_type");
        assertThat(page.getList("events[2].errors.code", String.class))
                .containsExactly("invalid_timestamp", "schema_violation");
        assertThat(page.getString("events[2].errors[1].path")).isEqualTo("/data/form");
        assertThat(page.getString("events[3].payload.data.host")).isEqualTo("x");
        assertThat(page.getString("events[3].replay_status")).isEqualTo("pending");
        assertThat(page.getString("events[0].replay_status")).isEqualTo("still_invalid");
        assertThat(page.getString("events[3].received_at")).isEqualTo("2021-06-01T10:00:00Z");
    }

    @Test
    void filtersByErrorCodeAmongAllErrors() {
        assertThat(ids("code=schema_violation"))
                .containsExactly(replayed.toString(), badTimeAndType.toString(), missingPath.toString());
        assertThat(ids("code=invalid_timestamp")).containsExactly(badTimeAndType.toString());
        assertThat(ids("code=too_large")).isEmpty();
    }

    @Test
    void filtersByEventType() {
        assertThat(ids("category=form interaction")).containsExactly(badTimeAndType.toString());
        assertThat(ids("category=page interaction&name=scroll")).containsExactly(unknownType.toString());
    }

    @Test
    void filtersByArrivalTime() {
        assertThat(ids("from=2021-06-01T10:01:00Z&to=2021-06-01T10:03:00Z"))
                .containsExactly(unknownType.toString(), badTimeAndType.toString());
    }

    @Test
    void filtersByReplayStatus() {
        assertThat(ids("replay_status=still_invalid")).containsExactly(replayed.toString());
        assertThat(ids("replay_status=pending&code=schema_violation"))
                .containsExactly(badTimeAndType.toString(), missingPath.toString());
    }

    @Test
    void filtersByApplication() {
        UUID other = UUID.randomUUID();
        UUID theirs = InvalidEventRows.of(other)
                .receivedAt(T0)
                .error("malformed", "", "not JSON")
                .rawText("{oops")
                .insert();
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/invalid-events?application=" + other)
                .then()
                .statusCode(200)
                .body("events.event_id", contains(theirs.toString()))
                .body("events[0].payload", nullValue())
                .body("events[0].raw_text", equalTo("{oops"));
    }

    @Test
    void showsOneInvalidEventById() {
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/invalid-events/" + badTimeAndType)
                .then()
                .statusCode(200)
                .body("category", equalTo("form interaction"))
                .body("errors", hasSize(2))
                .body("error_codes", contains("invalid_timestamp", "schema_violation"));
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/invalid-events/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void pagesNewestFirstWithoutGapOrDuplicateWhileInvalidEventsKeepArriving() {
        UUID busy = UUID.randomUUID();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            // Pairs share an arrival time: the event id breaks the tie.
            expected.add(InvalidEventRows.of(busy)
                    .receivedAt(T0.plusSeconds(i / 2))
                    .error("missing_field", "/name", "missing")
                    .insert()
                    .toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = given().auth()
                    .oauth2(analyst)
                    .when()
                    .get("/v1/invalid-events?limit=7&application=" + busy + (cursor == null ? "" : "&cursor=" + cursor))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("events.event_id", String.class));
            cursor = page.getString("next_cursor");
            pages++;
            // Newer arrivals land before page one and must not shift the pages still to come.
            InvalidEventRows.of(busy)
                    .receivedAt(T0.plusSeconds(1000 + pages))
                    .error("missing_field", "/name", "missing")
                    .insert();
        } while (cursor != null && pages < 50);
        assertThat(pages).isEqualTo(9);
        assertThat(seen).doesNotHaveDuplicates().hasSize(60).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void summarizesByCodeAndByEventTypeWithSampleIds() {
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/invalid-events/summary?application=" + application
                        + "&from=2021-06-01T00:00:00Z&to=2021-06-02T00:00:00Z")
                .then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("by_code.code", contains("schema_violation", "invalid_timestamp", "unknown_event_type"))
                .body("by_code.events", contains(3, 1, 1))
                .body(
                        "by_code[0].sample_event_ids",
                        contains(replayed.toString(), badTimeAndType.toString(), missingPath.toString()))
                .body("by_event_type.name", contains("pageview", "submit", "scroll"))
                .body("by_event_type.events", contains(2, 1, 1))
                .body("by_event_type[0].sample_event_ids", contains(replayed.toString(), missingPath.toString()))
                .body("by_event_type[0].category", equalTo("page interaction"));
    }

    @Test
    void summaryKeepsOnlyTheNewestSamples() {
        UUID noisy = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(InvalidEventRows.of(noisy)
                    .receivedAt(T0.plusSeconds(i))
                    .error("too_large", "", "too large")
                    .insert()
                    .toString());
        }
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/invalid-events/summary?application=" + noisy
                        + "&from=2021-06-01T00:00:00Z&to=2021-06-02T00:00:00Z")
                .then()
                .statusCode(200)
                .body("by_code[0].events", equalTo(8))
                .body(
                        "by_code[0].sample_event_ids",
                        containsInAnyOrder(ids.subList(3, 8).toArray()));
    }

    @Test
    void summaryRefusesMoreThan31Days() {
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/invalid-events/summary?from=2021-01-01T00:00:00Z&to=2021-03-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("detail", equalTo("from: the range from 'from' to 'to' may span at most 31 days"));
    }
}
