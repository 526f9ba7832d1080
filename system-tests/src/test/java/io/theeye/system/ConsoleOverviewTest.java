package io.theeye.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.Fixtures;
import io.theeye.query.console.ConsoleBrowser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console against the running pipeline, in a real headless Chromium: events posted to ingest
 * show on the overview within a bound, a burst of invalid events opens a data-quality incident
 * that the overview shows and then shows resolved, the processor's backlog is read from the
 * browser (CORS), and Errors and Volume count the same invalid events, future-dated ones included.
 * The processor checks quality every second over a 20 s window, so an incident opens and
 * resolves within the test's bounds.
 */
class ConsoleOverviewTest {

    /** From the post to the overview: processing, the overview's 10 s refresh and a busy machine. */
    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(45);

    private static final DateTimeFormatter CLIENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private static RunningEye eye;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        eye = RunningEye.startWithConsole(Map.of("EYE_QUALITY_CHECK_INTERVAL", "1s", "EYE_QUALITY_WINDOW", "20s"));
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void stop() {
        try (RunningEye running = eye) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    private static ObjectNode event(Instant at) {
        ObjectNode event = (ObjectNode) Fixtures.seedEvents().get(0).deepCopy();
        event.put("event_id", UUID.randomUUID().toString());
        event.put("session_id", UUID.randomUUID().toString());
        event.put("timestamp", CLIENT_TIME.format(at));
        return event;
    }

    /** Posts the events in one batch; every one of them must be accepted. */
    private static void post(RegisteredApplication app, ArrayNode events) {
        ObjectNode batch = Http.MAPPER.createObjectNode();
        batch.set("events", events);
        Http.Answer answer = Http.post(eye.ingest.url("/v1/batch"), app.key(), batch.toString());
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(events.size());
    }

    private static ArrayNode valid(int n) {
        ArrayNode events = Http.MAPPER.createArrayNode();
        for (int i = 0; i < n; i++) {
            events.add(event(Instant.now()));
        }
        return events;
    }

    /** Page views without their required path: schema violations, each at its own (trusted) time. */
    private static ArrayNode withoutPath(int n, Instant at) {
        ArrayNode events = Http.MAPPER.createArrayNode();
        for (int i = 0; i < n; i++) {
            ObjectNode event = event(at);
            ((ObjectNode) event.get("data")).remove("path");
            events.add(event);
        }
        return events;
    }

    private void openOverview() {
        String root = eye.query.url("/").toString();
        browser.signIn(root, eye.jwt.token("system-test-analyst", "analyst", Duration.ofMinutes(30)));
        browser.driver().get(root);
        browser.until(d -> browser.visible(By.id("view-overview")));
    }

    private static String rowText(By row) {
        WebElement found = browser.visible(row);
        return found == null ? "" : found.getText();
    }

    @Test
    void aBurstPostedToIngestShowsOnTheOverviewWithTheProcessorsBacklog() {
        RegisteredApplication shop = eye.application("overview-burst");
        openOverview();
        browser.driver().executeScript("window.sameDocument = true");

        Instant posted = Instant.now();
        post(shop, valid(150));
        By row = By.cssSelector("#tile-applications tr[data-application='" + shop.id() + "']");
        browser.until(SHOWN_WITHIN, d -> rowText(row).contains("0 of 150"));
        long seconds = Duration.between(posted, Instant.now()).toSeconds();
        System.out.println("OVERVIEW a burst of 150 events posted to ingest showed after " + seconds + " s");

        assertThat(browser.driver().executeScript("return window.sameDocument === true"))
                .as("the overview refreshed itself")
                .isEqualTo(true);
        WebElement backlog =
                browser.until(SHOWN_WITHIN, d -> browser.visible(By.cssSelector("#tile-backlog td[data-partition]")));
        assertThat(backlog).isNotNull();
        assertThat(browser.text(By.id("tile-backlog")))
                .contains("records behind")
                .doesNotContain("unavailable");
        browser.fullPageScreenshot("system-0-overview-burst");
    }

    @Test
    void aBurstOfInvalidEventsOpensAnIncidentThatTheOverviewShowsAndThenShowsResolved() {
        RegisteredApplication flaky = eye.application("overview-flaky");
        openOverview();

        post(flaky, withoutPath(40, Instant.now()));
        By open = By.cssSelector(
                "#tile-incidents tr.open[data-kind='invalid_share'][data-application='" + flaky.id() + "']");
        browser.until(SHOWN_WITHIN, d -> browser.visible(open));
        assertThat(rowText(open)).contains("overview-flaky").contains("100%");
        browser.fullPageScreenshot("system-1-overview-incident-open");

        // Nothing more is sent: once the burst leaves the 20 s window the share is back to 0.
        By resolved = By.cssSelector(
                "#tile-incidents tr.resolved[data-kind='invalid_share'][data-application='" + flaky.id() + "']");
        browser.until(SHOWN_WITHIN.plus(Duration.ofSeconds(20)), d -> browser.visible(resolved));
        assertThat(rowText(resolved)).contains("resolved").contains("100% → 0.0%");
        browser.fullPageScreenshot("system-2-overview-incident-resolved");
    }

    @Test
    void errorsAndVolumeCountTheSameInvalidEventsThroughTheProcessorFutureTimesIncluded() {
        RegisteredApplication mixed = eye.application("overview-clocks");
        Instant now = Instant.now();
        ArrayNode events = valid(20);
        events.addAll(withoutPath(7, now.minus(Duration.ofHours(2))));
        for (int i = 0; i < 9; i++) {
            events.add(event(now.plus(Duration.ofDays(2)))); // future_timestamp: placed by its arrival
        }
        for (int i = 0; i < 4; i++) {
            events.add(event(now).put("timestamp", "not a time")); // invalid_timestamp: placed by its arrival
        }
        post(mixed, events);

        String analyst = eye.analystToken();
        String app = "&application=" + mixed.id();
        await().atMost(SHOWN_WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Http.get(eye.query.url("/v1/invalid-events/summary?clock=arrival" + app), analyst)
                                .body()
                                .path("total")
                                .asInt()
                        == 20);
        Instant from = now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
        Instant to = now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        String range = "from=" + from + "&to=" + to;
        JsonNode summary = Http.get(eye.query.url("/v1/invalid-events/summary?clock=event&" + range + app), analyst)
                .body();
        JsonNode stats = Http.get(eye.query.url("/v1/stats?bucket=hour&" + range + app), analyst)
                .body();
        assertThat(summary.path("total").asInt()).isEqualTo(20);
        assertThat(stats.path("totals").path("invalid").asInt()).isEqualTo(20);
        assertThat(stats.path("totals").path("valid").asInt()).isEqualTo(20);
        assertThat(summary.path("by_code").findValuesAsText("code"))
                .contains("future_timestamp", "invalid_timestamp", "schema_violation");

        // The same through the console, over every application: Volume's invalid total, then its link to Errors.
        String root = eye.query.url("/").toString();
        browser.signIn(root, eye.jwt.token("system-test-analyst", "analyst", Duration.ofMinutes(30)));
        browser.driver().get(root + "#volume?range=custom&" + range + "&bucket=hour&group_by=category");
        String volume = browser.until(d -> {
            WebElement count = browser.visible(By.cssSelector("#volume-chart [data-count=invalid]"));
            return count == null ? null : count.getText();
        });
        browser.fullPageScreenshot("system-3-volume");
        browser.driver().findElement(By.id("volume-errors-link")).click();
        String errors = browser.until(d -> {
            WebElement count = browser.visible(By.id("errors-total"));
            return count == null ? null : count.getText();
        });
        assertThat(browser.text(By.id("errors-summary"))).contains("Clock: event time");
        browser.fullPageScreenshot("system-4-errors-same-total");
        assertThat(Integer.parseInt(errors)).isEqualTo(Integer.parseInt(volume)).isGreaterThanOrEqualTo(20);
    }
}
