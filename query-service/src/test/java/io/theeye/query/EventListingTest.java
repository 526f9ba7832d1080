package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.theeye.localstack.LocalStackTestResource;
import io.theeye.query.StoredEventRows.Row;
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
class EventListingTest {

    private static final Instant T0 = Instant.parse("2021-03-01T10:00:00Z");

    private final String analyst = Tokens.analyst();
    private final StoredEventRows rows = new StoredEventRows();
    private UUID application;
    private UUID sessionA;
    private UUID sessionB;

    /** A small data set of its own for each test: two sessions, two categories, three names, an hour apart. */
    @BeforeEach
    void storeEvents() {
        application = UUID.randomUUID();
        sessionA = UUID.randomUUID();
        sessionB = UUID.randomUUID();
        rows.insertAll(List.of(
                Row.of(application, sessionA, "page interaction", "pageview", T0, 1, 10),
                Row.of(application, sessionA, "page interaction", "cta click", T0.plusSeconds(3600), 1, 11),
                Row.of(application, sessionA, "form interaction", "submit", T0.plusSeconds(7200), 1, 12),
                Row.of(application, sessionB, "page interaction", "pageview", T0.plusSeconds(1800), 2, 5),
                Row.of(application, sessionB, "page interaction", "pageview", T0.plusSeconds(5400), 2, 6)));
    }

    private JsonPath list(String query) {
        return given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/events?application=" + application + (query.isEmpty() ? "" : "&" + query))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void filtersByApplicationAloneInTimeOrder() {
        JsonPath page = list("");
        assertThat(page.getList("events.timestamp", String.class))
                .containsExactly(
                        "2021-03-01T10:00:00Z",
                        "2021-03-01T10:30:00Z",
                        "2021-03-01T11:00:00Z",
                        "2021-03-01T11:30:00Z",
                        "2021-03-01T12:00:00Z");
        assertThat(page.getList("events.application_id", String.class)).containsOnly(application.toString());
        assertThat(page.getString("next_cursor")).isNull();
    }

    @Test
    void filtersBySession() {
        assertThat(list("session_id=" + sessionB).getList("events.session_id", String.class))
                .containsExactly(sessionB.toString(), sessionB.toString());
    }

    @Test
    void filtersByCategory() {
        assertThat(list("category=form interaction").getList("events.name", String.class))
                .containsExactly("submit");
    }

    @Test
    void filtersByName() {
        assertThat(list("name=pageview").getList("events.timestamp", String.class))
                .containsExactly("2021-03-01T10:00:00Z", "2021-03-01T10:30:00Z", "2021-03-01T11:30:00Z");
    }

    @Test
    void filtersByTimeWithInclusiveFromAndExclusiveTo() {
        assertThat(list("from=2021-03-01T10:30:00Z&to=2021-03-01T11:30:00Z").getList("events.timestamp", String.class))
                .containsExactly("2021-03-01T10:30:00Z", "2021-03-01T11:00:00Z");
        assertThat(list("from=2021-03-01 11:00:00").getList("events.timestamp", String.class))
                .containsExactly("2021-03-01T11:00:00Z", "2021-03-01T11:30:00Z", "2021-03-01T12:00:00Z");
        assertThat(list("to=2021-03-01T10:30:00+00:00").getList("events.timestamp", String.class))
                .containsExactly("2021-03-01T10:00:00Z");
    }

    @Test
    void combinesSessionCategoryNameAndTime() {
        assertThat(list("session_id=" + sessionA + "&category=page interaction").getList("events.name", String.class))
                .containsExactly("pageview", "cta click");
        assertThat(list("session_id=" + sessionB + "&name=pageview&from=2021-03-01T11:00:00Z")
                        .getList("events.timestamp", String.class))
                .containsExactly("2021-03-01T11:30:00Z");
        assertThat(list("category=page interaction&name=cta click&to=2021-03-01T11:00:00Z")
                        .getList("events"))
                .isEmpty();
    }

    @Test
    void breaksTimeTiesByArrival() {
        UUID session = UUID.randomUUID();
        rows.insertAll(List.of(
                Row.of(application, session, "c", "third", T0, 4, 3),
                Row.of(application, session, "c", "first", T0, 3, 9),
                Row.of(application, session, "c", "second", T0, 4, 1)));
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/events?session_id=" + session)
                .then()
                .statusCode(200)
                .body("events.name", contains("first", "second", "third"));
    }

    @Test
    void pagesWithTheDefaultSizeAndHonoursTheMaximum() {
        UUID big = UUID.randomUUID();
        List<Row> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(Row.of(big, UUID.randomUUID(), "c", "n", T0.plusMillis(i), 0, i));
        }
        rows.insertAll(many);
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/events?application=" + big)
                .then()
                .statusCode(200)
                .body("events", hasSize(100))
                .body("next_cursor", notNullValue());
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/events?limit=1000&application=" + big)
                .then()
                .statusCode(200)
                .body("events", hasSize(1000))
                .body("next_cursor", notNullValue());
    }

    @Test
    void pagesAcrossManyPagesWithoutGapOrDuplicateWhileEventsKeepArriving() {
        UUID busy = UUID.randomUUID();
        List<Row> before = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // Several events share each time, on several partitions: ties are broken by arrival.
            before.add(Row.of(busy, UUID.randomUUID(), "c", "n", T0.plusSeconds(i / 3), i % 4, 1000 + i));
        }
        rows.insertAll(before);
        Set<String> expected = new HashSet<>();
        before.forEach(row -> expected.add(row.eventId().toString()));

        List<String> seen = new ArrayList<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        long offset = 5000;
        int pages = 0;
        do {
            JsonPath page = given().auth()
                    .oauth2(analyst)
                    .when()
                    .get("/v1/events?limit=17&application=" + busy + (cursor == null ? "" : "&cursor=" + cursor))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("events.event_id", String.class));
            order.addAll(page.getList("events.timestamp", String.class));
            cursor = page.getString("next_cursor");
            pages++;
            if (cursor != null) {
                // Meanwhile events keep arriving: some later than everything (they must show up on a
                // later page), some earlier than the pages already read (they must not shift later pages).
                Row late = Row.of(busy, UUID.randomUUID(), "c", "n", T0.plusSeconds(10_000 + pages), 1, offset++);
                Row early = Row.of(busy, UUID.randomUUID(), "c", "n", T0.minusSeconds(pages), 1, offset++);
                rows.insertAll(List.of(late, early));
                expected.add(late.eventId().toString());
            }
        } while (cursor != null && pages < 100);

        assertThat(pages).isGreaterThan(17);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(expected);
        assertThat(order).isSorted();
    }

    @Test
    void returnsStoredFieldsOfEachEvent() {
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/events?limit=1&application=" + application)
                .then()
                .statusCode(200)
                .body("events[0].session_id", is(sessionA.toString()))
                .body("events[0].category", is("page interaction"))
                .body("events[0].data.path", is("/"))
                .body("events[0].schema_version", is(1))
                .body("events[0].kafka_offset", nullValue())
                .body("events.received_at", everyItem(notNullValue()));
    }
}
