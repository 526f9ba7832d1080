package io.theeye.query.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through chromedriver, with bounded waits and screenshots kept under
 * target/console-screenshots. Fails, never skips, when chromium is not installed. Public, and in
 * query-service's test jar, for system-tests' console test against the running pipeline.
 */
public final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("eye.console.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("eye.console.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a fresh headless browser with its own profile. */
    public static ConsoleBrowser start() {
        for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the console tests need Debian's chromium and "
                        + "chromedriver (apt-get install -y chromium chromium-driver)");
            }
        }
        try {
            Path profile = Files.createTempDirectory("eye-console-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--window-size=1366,900",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1366, 900));
            driver.manage().timeouts().pageLoadTimeout(WAIT);
            return new ConsoleBrowser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens the console signed out (a fresh sessionStorage) and signs in with the token, pressing Enter. */
    public void signIn(String root, String token) {
        driver.get(root);
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.get(root + "#explorer");
        WebElement field = until(d -> visible(By.id("token")));
        field.sendKeys(token);
        field.sendKeys("\n");
        until(d -> visible(By.id("view-explorer")));
    }

    /** Waits (at most 15 s) until the condition is neither null nor false. */
    public <T> T until(Function<WebDriver, T> condition) {
        return until(WAIT, condition);
    }

    /**
     * Waits at most {@code bound} until the condition is neither null nor false; an element that a
     * view replaced meanwhile (it re-renders as it refreshes) is looked for again.
     */
    public <T> T until(Duration bound, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, bound)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The element when displayed, else null (for waits). */
    public WebElement visible(By by) {
        return driver.findElements(by).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null);
    }

    public String text(By by) {
        return driver.findElement(by).getText();
    }

    /** Keeps a PNG of the page as target/console-screenshots/{name}.png. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps a PNG of the whole page, not only what the window shows (at most 4,000 pixels high). */
    public void fullPageScreenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(4000, height + 120)));
        try {
            screenshot(name);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
