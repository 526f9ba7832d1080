package io.theeye.query.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.localstack.LocalStackTestResource;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The overview, time presets with the view's filters in its URL, and counts that say their clock,
 * in a real headless Chromium over rows stored as the processor stores them. (system-tests'
 * ConsoleOverviewTest does the same through the running pipeline.)
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ConsoleViewsTest {

    /** The overview refreshes every 10 s; this bounds how long a change may take to show. */
    private static final Duration REFRESHED_WITHIN = Duration.ofSeconds(25);

    private static ConsoleBrowser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String analyst() {
        return LocalStackTestResource.jwt().token("ana", "analyst", Duration.ofMinutes(10));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void openOverview() {
        browser.signIn(root.toString(), analyst());
        // A link without a view lands on the overview.
        browser.driver().get(root.toString().replaceAll("/$", "") + "/");
        browser.until(d -> browser.visible(By.id("view-overview")));
    }

    private WebElement applicationRow(UUID application) {
        return browser.until(
                REFRESHED_WITHIN,
                d -> browser.visible(By.cssSelector("#tile-applications tr[data-application='" + application + "']")));
    }

    @Test
    void theOverviewIsTheLandingViewAndShowsABurstWithoutBeingReloaded() {
        String name = unique("burst-shop");
        UUID shop = ConsoleTestData.application(name);
        ConsoleTestData.arrivals(Instant.now(), shop, true, 12);

        openOverview();
        assertThat(applicationRow(shop).getText()).contains(name).contains("0 of 12");
        assertThat(browser.text(By.cssSelector("#tile-throughput .clock"))).contains("arrival");
        assertThat(browser.text(By.id("tile-backlog")))
                .as("the test profile names an unreachable processor")
                .contains("Backlog unavailable");
        browser.driver().executeScript("window.sameDocument = true");

        Instant posted = Instant.now();
        ConsoleTestData.arrivals(posted, shop, true, 300);
        ConsoleTestData.arrivals(posted, shop, false, 100);

        String row = browser.until(REFRESHED_WITHIN, d -> {
            String text = applicationRow(shop).getText();
            return text.contains("100 of 412") ? text : null;
        });
        assertThat(row).contains("24%");
        assertThat(browser.driver().executeScript("return window.sameDocument === true"))
                .as("refreshed in place, not reloaded")
                .isEqualTo(true);
        assertThat(Long.parseLong(browser.text(By.cssSelector("#tile-throughput [data-count=last-hour]"))
                        .replace(",", "")))
                .isGreaterThanOrEqualTo(412);
        browser.fullPageScreenshot("0-overview");
    }

    @Test
    void anIncidentAppearsOnTheOverviewAndClearsWhenResolved() {
        String name = unique("flaky-shop");
        UUID shop = ConsoleTestData.application(name);
        Instant now = Instant.now();
        ConsoleTestData.arrivals(now, shop, true, 10);
        ConsoleTestData.arrivals(now, shop, false, 30);

        openOverview();
        long incident = ConsoleTestData.openIncident(shop, "invalid_share", now.minusSeconds(60), 0.75);
        By row = By.cssSelector("#tile-incidents tr[data-incident='" + incident + "']");
        WebElement open = browser.until(REFRESHED_WITHIN, d -> browser.visible(row));
        assertThat(open.getAttribute("class")).contains("open");
        assertThat(open.getText())
                .contains(name)
                .contains("invalid share")
                .contains("open for")
                .contains("75%");
        assertThat(applicationRow(shop).getText()).contains("incident");
        browser.fullPageScreenshot("0-overview-incident-open");

        ConsoleTestData.resolveIncident(incident, 0.01);
        WebElement resolved = browser.until(REFRESHED_WITHIN, d -> {
            WebElement r = browser.visible(row);
            return r != null && r.getAttribute("class").contains("resolved") ? r : null;
        });
        assertThat(resolved.getText()).contains("resolved").contains("75% → 1.0%");
    }

    @Test
    void aSharedLinkRestoresTheViewsFiltersAndSoDoesAReload() {
        Instant t = Instant.parse("2021-03-05T10:30:00Z");
        ConsoleTestData.invalidEventAt(null, t, "schema_violation");
        ConsoleTestData.invalidEventAt(null, t.plusSeconds(2700), "schema_violation");
        ConsoleTestData.invalidEventAt(null, t.plusSeconds(7200), "schema_violation");
        String shared = root + "#errors?range=custom&from=2021-03-05T10:00:00Z&to=2021-03-05T12:00:00Z&clock=arrival"
                + "&application=" + ConsoleTestData.APPLICATION + "&code=schema_violation";

        browser.signIn(root.toString(), analyst());
        browser.driver().get(shared);
        browser.driver().navigate().refresh();

        String total = browser.until(d -> {
            WebElement count = browser.visible(By.id("errors-total"));
            return count == null ? null : count.getText();
        });
        assertThat(total).isEqualTo("2");
        WebElement form = browser.driver().findElement(By.id("errors-form"));
        assertThat(form.findElement(By.cssSelector("input[name=range][value=custom]"))
                        .isSelected())
                .isTrue();
        assertThat(form.findElement(By.name("from")).getAttribute("value")).isEqualTo("2021-03-05 10:00:00");
        assertThat(form.findElement(By.name("to")).getAttribute("value")).isEqualTo("2021-03-05 12:00:00");
        assertThat(new Select(form.findElement(By.name("clock")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("arrival");
        assertThat(form.findElement(By.name("application")).getAttribute("value"))
                .isEqualTo(ConsoleTestData.APPLICATION.toString());
        assertThat(browser.text(By.id("errors-summary"))).contains("Clock: arrival");
        browser.until(d -> "schema_violation"
                .equals(new Select(d.findElement(By.id("samples-code")))
                        .getFirstSelectedOption()
                        .getText()));
        browser.until(d -> d.findElements(By.cssSelector("#errors-samples article.invalid"))
                        .size()
                == 2);
        browser.screenshot("6-errors-restored-from-a-shared-link");

        // Presets chosen on the page go into the URL, and a reload keeps them.
        browser.driver()
                .findElement(By.cssSelector("#tabs a[data-view=volume]"))
                .click();
        WebElement volume = browser.until(d -> browser.visible(By.id("volume-form")));
        volume.findElement(By.xpath(".//label[input[@name='range' and @value='7d']]"))
                .click();
        new Select(volume.findElement(By.name("bucket"))).selectByVisibleText("day");
        new Select(volume.findElement(By.name("group_by"))).selectByVisibleText("application");
        volume.findElement(By.cssSelector("button[type=submit]")).click();
        browser.until(d -> d.getCurrentUrl().contains("#volume?range=7d&bucket=day&group_by=application"));
        // Back on the Errors tab, its last state is still there; then back to Volume, reloaded.
        browser.driver()
                .findElement(By.cssSelector("#tabs a[data-view=errors]"))
                .click();
        browser.until(d -> "2".equals(browser.text(By.id("errors-total"))));
        assertThat(browser.driver().getCurrentUrl()).contains("clock=arrival").contains("code=schema_violation");
        browser.driver().navigate().back();
        browser.until(d -> browser.visible(By.id("volume-form")));
        browser.driver().navigate().refresh();
        WebElement restored = browser.until(d -> browser.visible(By.id("volume-form")));
        browser.until(d -> restored.findElement(By.cssSelector("input[name=range][value='7d']"))
                .isSelected());
        assertThat(new Select(restored.findElement(By.name("bucket")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("day");
        assertThat(new Select(restored.findElement(By.name("group_by")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("application");
        browser.until(d -> browser.text(By.id("volume-chart")).contains("day buckets"));
    }

    @Test
    void errorsAndVolumeCountTheSameInvalidEventsOnTheEventClock() {
        // One day nobody else writes, with generated invalid events: own times to trust, future and
        // unreadable ones (placed by arrival), and some arriving a day after their own time or
        // before it; each counted in the hourly counts as the processor counts it.
        Instant day = Instant.parse("2019-02-03T00:00:00Z");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<UUID> ids = new ArrayList<>();
        int onEventClock = 0;
        int onArrivalClock = 0;
        for (int i = 0; i < 40; i++) {
            Instant arrival = day.plusSeconds(random.nextInt(26 * 3600) - 3600);
            Instant own;
            String code;
            switch (random.nextInt(4)) {
                case 0 -> {
                    own = Instant.parse("2031-01-01T00:00:00Z");
                    code = "future_timestamp";
                }
                case 1 -> {
                    own = null;
                    code = "invalid_timestamp";
                }
                default -> {
                    own = arrival.minusSeconds(random.nextInt(3 * 3600));
                    code = "schema_violation";
                }
            }
            ids.add(ConsoleTestData.invalidEventAt(own, arrival, code));
            Instant counted = own == null || code.equals("future_timestamp") ? arrival : own;
            onEventClock += inDay(counted, day) ? 1 : 0;
            onArrivalClock += inDay(arrival, day) ? 1 : 0;
        }
        ConsoleTestData.countInvalidHourly(ids);

        browser.signIn(root.toString(), analyst());
        browser.driver()
                .get(root + "#volume?range=custom&from=2019-02-03T00:00:00Z&to=2019-02-04T00:00:00Z&bucket=hour");
        String volume = browser.until(d -> {
            WebElement count = browser.visible(By.cssSelector("#volume-chart [data-count=invalid]"));
            return count == null ? null : count.getText();
        });
        assertThat(browser.text(By.id("volume-chart"))).contains("Clock: event time");
        browser.screenshot("7-volume-invalid-total");

        browser.driver().findElement(By.id("volume-errors-link")).click();
        String errors = browser.until(d -> {
            WebElement count = browser.visible(By.id("errors-total"));
            return count == null ? null : count.getText();
        });
        assertThat(browser.text(By.id("errors-summary"))).contains("Clock: event time");
        browser.screenshot("8-errors-same-total");
        assertThat(errors).as("seed " + seed).isEqualTo(volume).isEqualTo(String.valueOf(onEventClock));

        new Select(browser.driver().findElement(By.name("clock"))).selectByVisibleText("arrival");
        browser.driver()
                .findElement(By.cssSelector("#errors-form button[type=submit]"))
                .click();
        browser.until(d -> browser.text(By.id("errors-summary")).contains("Clock: arrival"));
        assertThat(browser.text(By.id("errors-total"))).as("seed " + seed).isEqualTo(String.valueOf(onArrivalClock));
    }

    @Test
    void servesItsFaviconInsteadOfA404() {
        given().when()
                .get("/favicon.ico")
                .then()
                .statusCode(200)
                .contentType(containsString("icon"))
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        assertThat(given().when().get("/").asString()).contains("rel=\"icon\" href=\"favicon.ico\"");
    }

    private static boolean inDay(Instant at, Instant day) {
        return !at.isBefore(day) && at.isBefore(day.plus(Duration.ofDays(1)));
    }
}
