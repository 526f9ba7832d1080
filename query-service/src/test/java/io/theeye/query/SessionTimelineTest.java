package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.localstack.LocalStackTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class SessionTimelineTest {

    private final String analyst = LocalStackTestResource.jwt().token("ana", "analyst", Duration.ofMinutes(10));

    @Test
    void returnsASessionsEventsInTimeThenArrivalOrderWithItsSpan() {
        UUID session = UUID.randomUUID();
        Instant tie = Instant.parse("2021-01-01T09:15:27.243860Z");
        StoredEventRows rows = new StoredEventRows();
        rows.insert(session, "form interaction", "submit", tie, 3, 12);
        rows.insert(session, "page interaction", "pageview", tie, 3, 10);
        rows.insert(session, "page interaction", "cta click", tie, 3, 11);
        rows.insert(session, "page interaction", "pageview", tie.plusSeconds(60), 3, 13);
        rows.insert(UUID.randomUUID(), "page interaction", "pageview", tie, 3, 14);

        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/sessions/" + session + "/events")
                .then()
                .statusCode(200)
                .body("count", equalTo(4))
                .body("first_at", equalTo("2021-01-01T09:15:27.243860Z"))
                .body("last_at", equalTo("2021-01-01T09:16:27.243860Z"))
                .body("events.name", contains("pageview", "cta click", "submit", "pageview"))
                .body("events[0].data.host", equalTo("www.example.com"))
                .body("next_cursor", nullValue());
    }

    @Test
    void countsTheWholeSessionOnEveryPageWhenItSpansSeveral() {
        UUID session = UUID.randomUUID();
        Instant start = Instant.parse("2021-01-02T10:00:00Z");
        StoredEventRows rows = new StoredEventRows();
        for (int i = 0; i < 3; i++) {
            rows.insert(session, "page interaction", "pageview", start.plusSeconds(i), 4, 20 + i);
        }

        String next = given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/sessions/" + session + "/events?limit=2")
                .then()
                .statusCode(200)
                .body("count", equalTo(3))
                .body("first_at", equalTo("2021-01-02T10:00:00Z"))
                .body("last_at", equalTo("2021-01-02T10:00:02Z"))
                .body("events", hasSize(2))
                .extract()
                .path("next_cursor");
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/sessions/" + session + "/events?limit=2&cursor=" + next)
                .then()
                .statusCode(200)
                .body("count", equalTo(3))
                .body("first_at", equalTo("2021-01-02T10:00:00Z"))
                .body("last_at", equalTo("2021-01-02T10:00:02Z"))
                .body("events", hasSize(1))
                .body("next_cursor", nullValue());
    }

    @Test
    void returnsAnEmptyTimelineForAnUnknownSession() {
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/sessions/" + UUID.randomUUID() + "/events")
                .then()
                .statusCode(200)
                .body("count", equalTo(0))
                .body("first_at", nullValue())
                .body("events", hasSize(0));
    }

    @Test
    void refusesASessionIdThatIsNotAUuid() {
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/sessions/nope/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("id: must be a UUID"));
    }

    @Test
    void refusesARequestWithoutAToken() {
        given().when()
                .get("/v1/sessions/" + UUID.randomUUID() + "/events")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
