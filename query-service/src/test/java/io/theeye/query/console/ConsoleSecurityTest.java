package io.theeye.query.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.theeye.localstack.LocalStackTestResource;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console's defences, in a real headless Chromium: the security headers as the page itself
 * receives them, a Content-Security-Policy the browser enforces (an injected inline script does
 * not run), no framing, and replays sent where the server says (the test profile names
 * http://processor.test:8081), never to a URL the user typed.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ConsoleSecurityTest {

    private static final String CONFIGURED_PROCESSOR = "http://processor.test:8081";

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
    void everyAnswerOfThePublicPortCarriesTheSecurityHeaders() {
        for (String path : List.of(
                "/", "/console.js", "/viewstate.js", "/overview.js", "/console.css", "/v1/events", "/no-such-page")) {
            Response answer = given().when().get(path);
            assertThat(answer.header("Content-Security-Policy"))
                    .as(path)
                    .contains("script-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval");
            assertThat(answer.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(answer.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
    }

    @Test
    void theBrowserReceivesTheHeadersAndEnforcesThePolicy() {
        browser.signIn(root.toString(), token("ana", "analyst"));
        JavascriptExecutor page = browser.driver();

        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch("/").then((r) => done({
                  csp: r.headers.get("content-security-policy"),
                  frame: r.headers.get("x-frame-options"),
                  sniff: r.headers.get("x-content-type-options"),
                  referrer: r.headers.get("referrer-policy"),
                }));
                """);
        assertThat(headers.get("csp"))
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .contains("connect-src 'self' " + CONFIGURED_PROCESSOR);
        assertThat(headers).containsEntry("frame", "DENY").containsEntry("sniff", "nosniff");
        assertThat(headers).containsEntry("referrer", "no-referrer");

        Object violated = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                document.addEventListener("securitypolicyviolation", (e) => done(e.effectiveDirective), { once: true });
                const script = document.createElement("script");
                script.textContent = "window.injectedScriptRan = true";
                document.body.append(script);
                setTimeout(() => done("no violation"), 5000);
                """);
        assertThat(violated).as("an injected inline script is blocked").isEqualTo("script-src-elem");
        assertThat(page.executeScript("return window.injectedScriptRan === true"))
                .isEqualTo(false);

        Object framed = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const frame = document.createElement("iframe");
                frame.src = "/";
                frame.onload = () => {
                  let inside = null;
                  try { inside = frame.contentDocument && frame.contentDocument.getElementById("token"); } catch (e) {}
                  done(inside ? "framed" : "blocked");
                };
                document.body.append(frame);
                setTimeout(() => done("no load"), 5000);
                """);
        assertThat(framed)
                .as("the console refuses to be framed, even by itself")
                .isEqualTo("blocked");
    }

    @Test
    void replaysGoToTheProcessorTheServerNamesAndTheUserCannotChangeIt() {
        browser.signIn(root.toString(), token("adam", "admin"));
        browser.driver().get(root + "#errors");
        browser.until(d -> browser.visible(By.id("replay")));

        assertThat(browser.driver().findElements(By.cssSelector("#replay-form input[name=base]")))
                .isEmpty();
        String target = browser.until(d -> {
            String shown = browser.text(By.id("processor-target"));
            return shown.isEmpty() ? null : shown;
        });
        assertThat(target).isEqualTo(CONFIGURED_PROCESSOR);
        assertThat(given().when()
                        .get(ConsoleSecurityHeaders.SETTINGS_PATH)
                        .jsonPath()
                        .getString("processor_url"))
                .isEqualTo(CONFIGURED_PROCESSOR);
    }

    private static String token(String user, String group) {
        return LocalStackTestResource.jwt().token(user, group, Duration.ofMinutes(10));
    }
}
