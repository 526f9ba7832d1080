package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.theeye.localstack.LocalStackTestResource;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class StatsTest {

    private final String analyst = Tokens.analyst();
    private UUID shop;
    private UUID blog;

    /** Two applications of their own per test, counted across two UTC days. */
    @BeforeEach
    void storeCounts() {
        shop = UUID.randomUUID();
        blog = UUID.randomUUID();
        HourlyCountRows.add("2021-05-01T09:00:00Z", shop, "page interaction", "pageview", true, 10);
        HourlyCountRows.add("2021-05-01T09:00:00Z", shop, "page interaction", "pageview", false, 2);
        HourlyCountRows.add("2021-05-01T09:00:00Z", shop, "page interaction", "cta click", true, 4);
        HourlyCountRows.add("2021-05-01T09:00:00Z", shop, "form interaction", "submit", true, 1);
        HourlyCountRows.add("2021-05-01T11:00:00Z", shop, "page interaction", "pageview", true, 7);
        HourlyCountRows.add("2021-05-01T23:00:00Z", shop, "form interaction", "submit", false, 3);
        HourlyCountRows.add("2021-05-02T00:00:00Z", shop, "page interaction", "pageview", true, 5);
        HourlyCountRows.add("2021-05-01T09:00:00Z", blog, "page interaction", "pageview", true, 100);
    }

    private ValidatableResponse stats(String query) {
        return given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/stats?" + query)
                .then()
                .statusCode(200);
    }

    @Test
    void countsValidAndInvalidPerHourLeavingEmptyHoursOut() {
        stats("application=" + shop + "&from=2021-05-01T09:00:00Z&to=2021-05-01T12:00:00Z")
                .body("bucket", equalTo("hour"))
                .body("group_by", equalTo("none"))
                .body("buckets.start", contains("2021-05-01T09:00:00Z", "2021-05-01T11:00:00Z"))
                .body("buckets.valid", contains(15, 7))
                .body("buckets.invalid", contains(2, 0))
                .body("buckets[0].category", nullValue())
                .body("totals.valid", equalTo(22))
                .body("totals.invalid", equalTo(2));
    }

    @Test
    void widensTheRangeToWholeBuckets() {
        stats("application=" + shop + "&from=2021-05-01T09:30:00Z&to=2021-05-01T11:00:01Z")
                .body("from", equalTo("2021-05-01T09:00:00Z"))
                .body("to", equalTo("2021-05-01T12:00:00Z"))
                .body("buckets.start", contains("2021-05-01T09:00:00Z", "2021-05-01T11:00:00Z"));
    }

    @Test
    void countsPerUtcDay() {
        stats("application=" + shop + "&bucket=day&from=2021-05-01T00:00:00Z&to=2021-05-03T00:00:00Z")
                .body("buckets.start", contains("2021-05-01T00:00:00Z", "2021-05-02T00:00:00Z"))
                .body("buckets.valid", contains(22, 5))
                .body("buckets.invalid", contains(5, 0));
    }

    @Test
    void groupsByCategory() {
        stats("application=" + shop + "&group_by=category&from=2021-05-01T09:00:00Z&to=2021-05-01T10:00:00Z")
                .body("buckets.category", contains("form interaction", "page interaction"))
                .body("buckets.valid", contains(1, 14))
                .body("buckets.invalid", contains(0, 2))
                .body("buckets[0].name", nullValue());
    }

    @Test
    void groupsByNameWithItsCategory() {
        stats("application=" + shop + "&group_by=name&from=2021-05-01T09:00:00Z&to=2021-05-01T10:00:00Z")
                .body("buckets.category", contains("form interaction", "page interaction", "page interaction"))
                .body("buckets.name", contains("submit", "cta click", "pageview"))
                .body("buckets.valid", contains(1, 4, 10));
    }

    @Test
    void groupsByApplication() {
        stats("group_by=application&category=page interaction&name=pageview"
                        + "&from=2021-05-01T09:00:00Z&to=2021-05-01T10:00:00Z")
                .body("buckets.findAll { it.application_id == '" + shop + "' }.valid", contains(10))
                .body("buckets.findAll { it.application_id == '" + blog + "' }.valid", contains(100));
    }

    @Test
    void filtersByCategoryAndName() {
        stats("application=" + shop + "&category=form interaction&bucket=day"
                        + "&from=2021-05-01T00:00:00Z&to=2021-05-02T00:00:00Z")
                .body("totals.valid", equalTo(1))
                .body("totals.invalid", equalTo(3));
        stats("application=" + shop + "&name=cta click&from=2021-05-01T00:00:00Z&to=2021-05-02T00:00:00Z")
                .body("buckets", hasSize(1))
                .body("totals.valid", equalTo(4));
    }

    @Test
    void answersEmptyBucketsForARangeWithoutEvents() {
        stats("application=" + shop + "&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z")
                .body("buckets", hasSize(0))
                .body("totals.valid", equalTo(0));
    }

    @Test
    void defaultsToTheLastDayInHours() {
        stats("application=" + shop).body("bucket", equalTo("hour")).body("buckets", hasSize(0));
    }

    @Test
    void refusesMoreThan31DaysOfHourBuckets() {
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/stats?from=2021-01-01T00:00:00Z&to=2021-02-01T01:00:00Z")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        equalTo("from: with bucket=hour the range from 'from' to 'to' may span at most 31 days; "
                                + "ask for a shorter range or bucket=day"));
        stats("from=2021-01-01T00:00:00Z&to=2021-02-01T00:00:00Z&application=" + shop);
    }

    @Test
    void refusesMoreThan366DaysOfDayBuckets() {
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/stats?bucket=day&from=2020-01-01T00:00:00Z&to=2021-01-02T00:00:01Z")
                .then()
                .statusCode(400)
                .body(
                        "detail",
                        equalTo("from: with bucket=day the range from 'from' to 'to' may span at most 366 "
                                + "days; ask for a shorter range"));
    }
}
