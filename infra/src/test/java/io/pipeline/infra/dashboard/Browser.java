package io.pipeline.infra.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through the system chromedriver (Debian's {@code chromium} and {@code chromium-driver}),
 * each in a fresh profile. Where neither is installed the test is skipped, saying what to install.
 */
final class Browser implements AutoCloseable {

    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"),
            Path.of("/usr/bin/google-chrome"));
    private static final List<Path> DRIVER = List.of(Path.of("/usr/bin/chromedriver"),
            Path.of("/usr/lib/chromium/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final String baseUrl;
    private final Path profile;

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    /** A browser at the given window size, or the test skipped when no Chromium and chromedriver are installed. */
    static Browser open(String baseUrl, int width, int height) {
        Optional<Path> chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst();
        Optional<Path> driver = DRIVER.stream().filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(chromium.isPresent() && driver.isPresent(), "No Chromium and chromedriver found "
                + "(looked for " + CHROMIUM + " and " + DRIVER + "): install the Debian packages chromium and "
                + "chromium-driver (apt-get install -y chromium chromium-driver) to run the dashboard's browser tests");
        try {
            Path profile = Files.createTempDirectory("dashboard-chromium-");
            ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--no-first-run", "--lang=en-US", "--user-data-dir=" + profile,
                            "--window-size=" + width + "," + height);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                    .usingAnyFreePort().build();
            ChromeDriver chrome = new ChromeDriver(service, options);
            chrome.manage().window().setSize(new Dimension(width, height));
            chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Browser(chrome, baseUrl, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a path of the dashboard (a query string holds the view) and waits until its screen is drawn. */
    void open(String pathAndQuery) {
        String before = renderedMark();
        driver.get(baseUrl + pathAndQuery);
        waitForRenderAfter(before);
    }

    String renderedMark() {
        try {
            Object mark = driver.executeScript("var m = document.getElementById('main');"
                    + " return m ? (m.dataset.rendered || '') + '@' + performance.timeOrigin : '';");
            return String.valueOf(mark);
        } catch (RuntimeException noPage) {
            return "";
        }
    }

    /** Waits until the screen was drawn again after the given mark (a click, a control change). */
    void waitForRenderAfter(String before) {
        wait(Duration.ofSeconds(30)).until(d -> {
            String now = renderedMark();
            return !now.startsWith("@") && !now.isEmpty() && !now.equals(before)
                    && d.findElement(By.id("main")).getAttribute("aria-busy") == null;
        });
    }

    /** Runs an action that redraws the screen, and waits for the redraw. */
    void andWaitForRender(Runnable action) {
        String before = renderedMark();
        action.run();
        waitForRenderAfter(before);
    }

    WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(50));
        // a live redraw may replace an element between finding it and reading it: read it again on the next poll
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /**
     * The API's raw value that the page shows for a figure (its data-value), or null while it is not drawn. Read in
     * one script, not through an element handle, because a redraw between finding and reading would make it stale.
     */
    String figure(String name) {
        Object value = driver.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e ? e.getAttribute('data-value') : null;", "[data-figure='" + name + "']");
        return value == null ? null : value.toString();
    }

    /** Sets a control's value as a person would and fires its change event. */
    void setValue(By by, String value) {
        WebElement element = find(by);
        driver.executeScript("arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, value);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    String query() {
        return (String) script("return window.location.search;");
    }

    /** Saves a screenshot of the whole page (beyond the window, at the window's width) as target/screenshots/NAME.png. */
    @SuppressWarnings("unchecked")
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Map<String, Object> size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                    .get("cssContentSize");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                            "height", size.get("height"), "scale", 1)));
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
