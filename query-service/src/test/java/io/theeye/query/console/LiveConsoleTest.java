package io.theeye.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.localstack.LocalStackTestResource;
import io.theeye.query.DecidedTopicWriter;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Live tab in a real headless Chromium: events decided after it opened appear within seconds,
 * newest first; filters and pause work. Events are published on the decided topics as the
 * processor does (the system tests drive the whole pipeline).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class LiveConsoleTest {

    /** From publishing an event to seeing it in the tab. */
    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(10);

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

    @Test
    void showsEventsDecidedAfterItOpenedWithinSecondsOnlyThoseItsFiltersMatchAndHoldsThemWhilePaused() {
        String category = "live-" + UUID.randomUUID().toString().substring(0, 8);
        UUID application = UUID.randomUUID();
        browser.signIn(root.toString(), LocalStackTestResource.jwt().token("ana", "analyst", Duration.ofMinutes(10)));
        browser.driver().get(root + "#live");
        apply(category, "", "");
        try (DecidedTopicWriter topics = new DecidedTopicWriter()) {
            long published = System.nanoTime();
            UUID first = topics.valid(application, category, "pageview", Map.of("path", "/"));
            topics.valid(application, "elsewhere " + category, "pageview", Map.of());
            browser.until(d -> row(first));
            long shownAfterMillis = (System.nanoTime() - published) / 1_000_000;
            System.out.println("LIVE tab: an event was shown " + shownAfterMillis + " ms after it was published");
            assertThat(Duration.ofMillis(shownAfterMillis)).isLessThan(SHOWN_WITHIN);

            UUID invalid = topics.invalid(application, category, "submit", "schema_violation");
            WebElement invalidRow = browser.until(d -> row(invalid));
            assertThat(invalidRow.getText()).contains("invalid").contains("schema_violation");
            assertThat(ids()).as("newest first, nothing from other categories").containsExactly(invalid, first);
            invalidRow.click();
            assertThat(browser.text(By.id("live-detail"))).contains(invalid.toString());
            browser.screenshot("live");

            apply(category, "schema_violation", "invalid");
            topics.valid(application, category, "pageview", Map.of());
            topics.invalid(application, category, "submit", "invalid_timestamp");
            UUID matching = topics.invalid(application, category, "submit", "schema_violation");
            browser.until(d -> row(matching));
            assertThat(ids()).as("only the filter's events were added").containsExactly(matching, invalid, first);

            browser.driver().findElement(By.id("live-pause")).click();
            UUID held = topics.invalid(application, category, "submit", "schema_violation");
            browser.until(d -> browser.text(By.id("live-counts")).contains("1 waiting") ? true : null);
            assertThat(row(held)).as("not shown while paused").isNull();
            browser.driver().findElement(By.id("live-pause")).click();
            browser.until(d -> row(held));
        }
    }

    /** Sets the filters and applies them; waits until the new stream is live. */
    private static void apply(String category, String code, String kind) {
        WebElement field = browser.driver().findElement(By.id("live-category"));
        field.clear();
        field.sendKeys(category);
        new Select(browser.driver().findElement(By.id("live-code"))).selectByValue(code);
        new Select(browser.driver().findElement(By.id("live-kind"))).selectByValue(kind);
        browser.driver()
                .findElement(By.cssSelector("#live-form button[type=submit]"))
                .click();
        browser.until(d -> browser.text(By.id("live-status")).startsWith("Live") ? true : null);
    }

    private static WebElement row(UUID eventId) {
        return browser.visible(By.cssSelector("#live-rows tr[data-event-id='" + eventId + "']"));
    }

    private static List<UUID> ids() {
        return browser.driver().findElements(By.cssSelector("#live-rows tr")).stream()
                .map(row -> UUID.fromString(row.getDomAttribute("data-event-id")))
                .toList();
    }
}
