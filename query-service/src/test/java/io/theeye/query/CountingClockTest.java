package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.theeye.localstack.LocalStackTestResource;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which time places an invalid event in a range: on the event clock its own time when it can be
 * trusted, else its arrival (a future or unreadable time cannot place it); on the arrival clock
 * when it reached ingest. The summary says its clock, and on the event clock it counts what the
 * hourly counts behind /v1/stats hold.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class CountingClockTest {

    private static final Instant ARRIVAL = Instant.parse("2021-07-01T10:05:00Z");

    private final String analyst = Tokens.analyst();
    private UUID application;
    private UUID lateButTrusted;
    private UUID fromTheFuture;
    private UUID unreadableTime;
    private UUID replayed;

    /**
     * Four invalid events of an application of their own, all arriving between 10:05 and 10:35,
     * counted in the hourly counts as the processor counts them (by counted_at; a replayed event
     * among the valid ones).
     */
    @BeforeEach
    void storeInvalidEvents() {
        application = UUID.randomUUID();
        lateButTrusted = InvalidEventRows.of(application)
                .occurredAt(Instant.parse("2021-07-01T07:30:00Z"))
                .receivedAt(ARRIVAL)
                .error("schema_violation", "/data/path", "required property 'path' not found")
                .insert();
        fromTheFuture = InvalidEventRows.of(application)
                .occurredAt(Instant.parse("2031-07-01T10:00:00Z"))
                .receivedAt(ARRIVAL.plusSeconds(300))
                .error("future_timestamp", "/timestamp", "later than its arrival")
                .insert();
        unreadableTime = InvalidEventRows.of(application)
                .receivedAt(ARRIVAL.plusSeconds(900))
                .error("invalid_timestamp", "/timestamp", "not a time")
                .insert();
        replayed = InvalidEventRows.of(application)
                .occurredAt(Instant.parse("2021-07-01T10:12:00Z"))
                .receivedAt(ARRIVAL.plusSeconds(1800))
                .error("schema_violation", "/data/path", "required property 'path' not found")
                .replayStatus("replayed")
                .insert();
        HourlyCountRows.add("2021-07-01T07:00:00Z", application, "page interaction", "pageview", false, 1);
        HourlyCountRows.add("2021-07-01T10:00:00Z", application, "page interaction", "pageview", false, 2);
        HourlyCountRows.add("2021-07-01T10:00:00Z", application, "page interaction", "pageview", true, 1);
    }

    private ValidatableResponse get(String path) {
        return given().auth().oauth2(analyst).when().get(path).then().statusCode(200);
    }

    @Test
    void theEventClockPlacesFutureAndUnreadableTimesByArrivalAndTrustedOnesByTheirOwnTime() {
        get("/v1/invalid-events/summary?clock=event&application=" + application
                        + "&from=2021-07-01T10:00:00Z&to=2021-07-01T11:00:00Z")
                .body("clock", equalTo("event"))
                .body("total", equalTo(2))
                .body("by_code.code", contains("future_timestamp", "invalid_timestamp"));
        get("/v1/invalid-events/summary?clock=event&application=" + application
                        + "&from=2021-07-01T07:00:00Z&to=2021-07-01T08:00:00Z")
                .body("total", equalTo(1))
                .body("by_code[0].sample_event_ids", contains(lateButTrusted.toString()));
        get("/v1/invalid-events?clock=event&application=" + application
                        + "&from=2021-07-01T00:00:00Z&to=2021-07-02T00:00:00Z")
                .body(
                        "events.event_id",
                        contains(
                                unreadableTime.toString(),
                                // listed with its status, though no longer counted
                                replayed.toString(),
                                fromTheFuture.toString(),
                                lateButTrusted.toString()))
                .body("events[2].counted_at", equalTo("2021-07-01T10:10:00Z"))
                .body("events[3].counted_at", equalTo("2021-07-01T07:30:00Z"));
    }

    @Test
    void theArrivalClockPlacesEveryEventWhenItReachedIngest() {
        get("/v1/invalid-events/summary?application=" + application
                        + "&from=2021-07-01T10:00:00Z&to=2021-07-01T11:00:00Z")
                .body("clock", equalTo("arrival"))
                .body("total", equalTo(3));
        get("/v1/invalid-events/summary?clock=arrival&application=" + application
                        + "&from=2021-07-01T07:00:00Z&to=2021-07-01T08:00:00Z")
                .body("total", equalTo(0));
    }

    @Test
    void onTheEventClockTheSummaryCoversWholeHoursAndAgreesWithTheStats() {
        String range = "&application=" + application + "&from=2021-07-01T07:15:00Z&to=2021-07-01T10:45:00Z";
        int stats = get("/v1/stats?bucket=hour" + range)
                .body("clock", equalTo("event"))
                .body("from", equalTo("2021-07-01T07:00:00Z"))
                .body("to", equalTo("2021-07-01T11:00:00Z"))
                .extract()
                .path("totals.invalid");
        get("/v1/invalid-events/summary?clock=event" + range)
                .body("from", equalTo("2021-07-01T07:00:00Z"))
                .body("to", equalTo("2021-07-01T11:00:00Z"))
                .body("total", equalTo(stats))
                .body("total", equalTo(3));
    }
}
