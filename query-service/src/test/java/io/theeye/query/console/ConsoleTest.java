package io.theeye.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.localstack.LocalStackTestResource;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The console in a real headless Chromium: each scenario signs in with a token and uses the page as a person would. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ConsoleTest {

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

    private static String admin() {
        return LocalStackTestResource.jwt().token("adam", "admin", Duration.ofMinutes(10));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void signsInAndFiltersEventsByCategory() {
        String category = unique("checkout");
        Instant at = Instant.parse("2021-03-01T10:00:00Z");
        UUID session = UUID.randomUUID();
        ConsoleTestData.event(session, category, "pageview", at, "/cart");
        ConsoleTestData.event(session, category, "cta click", at.plusSeconds(3), "/pay");
        ConsoleTestData.event(session, "page interaction", "pageview", at.plusSeconds(1), "/elsewhere");

        browser.signIn(root.toString(), analyst());
        assertThat(browser.text(By.id("who"))).contains("ana").contains("analyst");
        assertThat(browser.visible(By.id("admin-tab")))
                .as("no admin tab for an analyst")
                .isNull();

        WebElement field = browser.driver().findElement(By.id("filter-category"));
        field.sendKeys(category, Keys.ENTER);
        List<String> categories = browser.until(d -> {
            List<String> cells = d.findElements(By.cssSelector("#explorer-results tbody td:nth-child(2)")).stream()
                    .map(WebElement::getText)
                    .toList();
            return cells.size() == 2 && cells.stream().allMatch(category::equals) ? cells : null;
        });
        assertThat(categories).hasSize(2);

        WebElement second = browser.driver()
                .findElements(By.cssSelector("#explorer-results tbody tr"))
                .get(1);
        second.sendKeys(Keys.ENTER);
        String detail = browser.until(d -> {
            String text = d.findElement(By.id("explorer-detail")).getText();
            return text.contains("/pay") ? text : null;
        });
        assertThat(detail).contains("cta click").contains(session.toString());
        browser.screenshot("1-explorer-filtered-by-category");
    }

    @Test
    void opensASessionAndShowsItsTimelineInOrderWithGaps() {
        UUID session = UUID.randomUUID();
        Instant start = Instant.parse("2021-03-02T08:00:00Z");
        ConsoleTestData.event(session, "form interaction", "submit", start.plus(20, ChronoUnit.MINUTES), "/signup");
        ConsoleTestData.event(session, "page interaction", "pageview", start, "/");
        ConsoleTestData.event(session, "page interaction", "cta click", start.plusSeconds(5), "/");

        browser.signIn(root.toString(), analyst());
        browser.driver()
                .findElement(By.cssSelector("#tabs a[data-view=session]"))
                .click();
        WebElement id = browser.until(d -> browser.visible(By.id("session-id")));
        id.sendKeys(session.toString(), Keys.ENTER);

        List<String> names = browser.until(d -> {
            List<String> found = d.findElements(By.cssSelector("#session-timeline .event strong")).stream()
                    .map(WebElement::getText)
                    .toList();
            return found.size() == 3 ? found : null;
        });
        assertThat(names).containsExactly("pageview", "cta click", "submit");
        List<String> gaps = browser.driver().findElements(By.cssSelector("#session-timeline .gap")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(gaps).containsExactly("+ 5 s", "+ 19 min 55 s");
        assertThat(browser.driver().findElements(By.cssSelector("#session-timeline .gap.long")))
                .hasSize(1);
        assertThat(browser.text(By.id("session-summary"))).contains("3 events");
        browser.screenshot("2-session-timeline");
    }

    @Test
    void findsAnInvalidEventAndShowsItsReasons() {
        String category = unique("signup form");
        String reason = "required property 'email' not found";
        UUID id = ConsoleTestData.invalidEvent(category, "submit", "schema_violation", "/data/email", reason);

        browser.signIn(root.toString(), analyst());
        browser.driver()
                .findElement(By.cssSelector("#tabs a[data-view=errors]"))
                .click();
        WebElement type = browser.until(d -> d.findElements(By.cssSelector("#errors-summary .by-type button")).stream()
                .filter(b -> b.getText().equals(category + " / submit"))
                .findFirst()
                .orElse(null));
        type.click();

        // The list is drawn again when the view's URL state settles: read the card in one go, again
        // if it was replaced meanwhile.
        String[] shown = browser.until(d -> {
            List<WebElement> cards = d.findElements(By.cssSelector("article.invalid"));
            try {
                return cards.size() == 1 && id.toString().equals(cards.get(0).getAttribute("data-event-id"))
                        ? new String[] {
                            cards.get(0).findElement(By.cssSelector(".reason")).getText(),
                            cards.get(0).getText()
                        }
                        : null;
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return null;
            }
        });
        assertThat(shown[0]).isEqualTo(reason);
        assertThat(shown[1]).contains("schema_violation").contains("/data/email");
        WebElement card = browser.driver().findElement(By.cssSelector("article.invalid[data-event-id='" + id + "']"));
        browser.until(d -> !d.findElements(By.cssSelector("#errors-chart-code svg.chart rect"))
                .isEmpty());
        assertThat(browser.visible(By.id("replay")))
                .as("no replay for an analyst")
                .isNull();
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", card);
        browser.screenshot("3-errors-reasons");
    }

    @Test
    void showsVolumePerCategoryAsAChart() {
        String category = unique("video");
        ConsoleTestData.hourlyCount(Instant.now().truncatedTo(ChronoUnit.HOURS), category, 42);

        browser.signIn(root.toString(), analyst());
        browser.driver()
                .findElement(By.cssSelector("#tabs a[data-view=volume]"))
                .click();
        browser.until(d -> d.findElements(By.cssSelector("#volume-chart .legend li")).stream()
                .anyMatch(li -> li.getText().equals(category)));
        assertThat(browser.driver().findElements(By.cssSelector("#volume-chart svg.chart rect")))
                .isNotEmpty();
        browser.screenshot("4-volume-per-category");
    }

    @Test
    void registersAnApplicationAndShowsItsKeyOnce() {
        String name = unique("console-shop");

        browser.signIn(root.toString(), admin());
        browser.until(d -> browser.visible(By.id("admin-tab"))).click();
        WebElement field = browser.until(d -> browser.visible(By.id("register-name")));
        field.sendKeys(name, Keys.ENTER);

        String key = browser.until(d -> {
            WebElement value = browser.visible(By.id("issued-key-value"));
            return value == null ? null : value.getText();
        });
        assertThat(key).isNotBlank();
        assertThat(browser.text(By.id("issued-key"))).contains("shown once");
        WebElement row =
                browser.until(d -> browser.visible(By.cssSelector("#applications tr[data-name='" + name + "']")));
        assertThat(row.getText()).contains("active").doesNotContain(key);
        browser.screenshot("5-admin-application-registered");

        browser.driver().navigate().refresh();
        browser.until(d -> browser.visible(By.cssSelector("#applications tr[data-name='" + name + "']")));
        assertThat(browser.visible(By.id("issued-key"))).isNull();
        assertThat(browser.driver().getPageSource()).doesNotContain(key);
    }
}
