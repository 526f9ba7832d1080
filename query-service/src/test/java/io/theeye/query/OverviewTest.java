package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.theeye.localstack.LocalStackTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The overview reads the per-minute arrival counts and the processor's incidents, on the arrival clock. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OverviewTest {

    private final String analyst = Tokens.analyst();

    private JsonPath overview() {
        return given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/overview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<String, Object> entry(JsonPath overview, UUID application) {
        List<Map<String, Object>> applications = overview.getList("applications");
        return applications.stream()
                .filter(a -> application.toString().equals(a.get("application_id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + application + " in " + applications));
    }

    /** Valid and invalid events of one period, and the invalid share (null without events). */
    @SuppressWarnings("unchecked")
    private static void assertCounts(Map<String, Object> entry, String period, int valid, int invalid, Double share) {
        Map<String, Object> counts = (Map<String, Object>) entry.get(period);
        assertThat(counts).as(period).containsEntry("valid", valid).containsEntry("invalid", invalid);
        if (share == null) {
            assertThat(counts).as(period).containsEntry("invalid_share", null);
        } else {
            assertThat(((Number) counts.get("invalid_share")).doubleValue())
                    .as(period)
                    .isCloseTo(share, within(1e-6));
        }
    }

    @Test
    void countsEachApplicationsEventsByArrivalOverTheHourTheHourBeforeAndTheDay() {
        String name = "overview-shop-" + UUID.randomUUID().toString().substring(0, 8);
        UUID shop = ArrivalCountRows.application(name);
        Instant now = Instant.now();
        ArrivalCountRows.add(now, shop, true, 40);
        ArrivalCountRows.add(now, shop, false, 10);
        ArrivalCountRows.add(now.minus(Duration.ofMinutes(30)), shop, true, 50);
        ArrivalCountRows.add(now.minus(Duration.ofMinutes(90)), shop, true, 100);
        ArrivalCountRows.add(now.minus(Duration.ofMinutes(90)), shop, false, 1);
        ArrivalCountRows.add(now.minus(Duration.ofHours(5)), shop, true, 10);
        ArrivalCountRows.add(now.minus(Duration.ofHours(30)), shop, true, 1000);

        JsonPath overview = overview();

        assertThat(overview.getString("clock")).isEqualTo("arrival");
        assertThat(overview.getList("last_hour.steps")).hasSize(60);
        assertThat(overview.getString("last_hour.step")).isEqualTo("minute");
        assertThat(overview.getList("last_day.steps")).hasSize(24);
        assertThat(overview.getLong("last_hour.steps[59].valid")).isGreaterThanOrEqualTo(40);
        assertThat(overview.getLong("last_hour.totals.invalid")).isGreaterThanOrEqualTo(10);
        Map<String, Object> entry = entry(overview, shop);
        assertThat(entry).containsEntry("name", name).containsEntry("status", "active");
        assertCounts(entry, "last_hour", 90, 10, 0.1);
        assertCounts(entry, "previous_hour", 100, 1, 1 / 101.0);
        assertCounts(entry, "last_day", 200, 11, 11 / 211.0);
        List<?> shares = (List<?>) entry.get("invalid_share_by_hour");
        assertThat(shares).hasSize(24);
        assertThat(((Number) shares.get(23)).doubleValue()).isCloseTo(0.1, within(1e-6));
        assertThat(shares.stream().filter(share -> share != null)).hasSize(3);
        assertThat(Instant.parse((String) entry.get("last_event_at")))
                .isBetween(now.minus(Duration.ofMinutes(2)), now.plus(Duration.ofMinutes(1)));
        assertThat(entry.get("open_incidents")).isEqualTo(List.of());
    }

    @Test
    void listsOpenIncidentsAndThoseResolvedWithinTheDayWithTheirApplications() {
        String name = "overview-silent-" + UUID.randomUUID().toString().substring(0, 8);
        UUID quiet = ArrivalCountRows.application(name);
        Instant now = Instant.now();
        ArrivalCountRows.add(now.minus(Duration.ofHours(3)), quiet, true, 5);
        ArrivalCountRows.incident(quiet, "silent", now.minus(Duration.ofHours(2)), null, 3600);
        ArrivalCountRows.incident(
                quiet, "invalid_share", now.minus(Duration.ofHours(6)), now.minus(Duration.ofHours(4)), 0.3);
        ArrivalCountRows.incident(
                quiet, "invalid_share", now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2)), 0.5);
        UUID idle = ArrivalCountRows.application(name + "-idle");

        JsonPath overview = overview();

        List<Map<String, Object>> incidents = overview.getList("incidents");
        List<Map<String, Object>> ours = incidents.stream()
                .filter(i -> quiet.toString().equals(i.get("application_id")))
                .toList();
        assertThat(ours).extracting(i -> i.get("kind")).containsExactly("silent", "invalid_share");
        assertThat(ours.get(0)).containsEntry("closed_at", null).containsEntry("application_name", name);
        assertThat(ours.get(1).get("closed_at")).isNotNull();
        int firstResolved = incidents.indexOf(incidents.stream()
                .filter(i -> i.get("closed_at") != null)
                .findFirst()
                .orElseThrow());
        assertThat(incidents.subList(firstResolved, incidents.size()))
                .as("open incidents come first")
                .allMatch(i -> i.get("closed_at") != null);
        Map<String, Object> entry = entry(overview, quiet);
        assertThat(entry.get("open_incidents")).isEqualTo(List.of("silent"));
        assertCounts(entry, "last_hour", 0, 0, null);
        assertCounts(entry, "last_day", 5, 0, 0.0);
        Map<String, Object> none = entry(overview, idle);
        assertThat(none.get("last_event_at")).isNull();
        assertCounts(none, "last_day", 0, 0, null);
    }
}
