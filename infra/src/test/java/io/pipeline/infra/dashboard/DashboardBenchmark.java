package io.pipeline.infra.dashboard;

import io.pipeline.infra.RunningStack;
import io.pipeline.testsupport.PipelineInfrastructure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * How fast the dashboard answers a person, in a real headless Chromium: first meaningful paint (navigation start
 * to the board drawn with its figures) and each interaction (change of scope, period, as-of), from the control's
 * change to the screen drawn again, the figures' own requests included. Run against a running stack with data
 * (the local stack: {@code -Ddashboard.url=http://127.0.0.1:8080}); without it, against the test stack of
 * {@link RunningStack}, which holds only what the browser tests seeded.
 *
 * <pre>./mvnw -pl infra verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=DashboardBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Ddashboard.url=http://127.0.0.1:8080 [-Ddashboard.runs=10]</pre>
 */
@Tag("benchmark")
class DashboardBenchmark {

    private static final int RUNS = Integer.getInteger("dashboard.runs", 10);

    @Test
    void firstPaintAndInteractions() {
        String url = System.getProperty("dashboard.url");
        if (url == null) {
            url = RunningStack.shared(PipelineInfrastructure.shared()).gatewayUrl();
        }
        try (Browser browser = Browser.open(url, 1280, 800)) {
            browser.driver.get(url + "/");
            browser.wait(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("button.user[data-user='revops-1']")));
            browser.andWaitForRender(() -> browser.find(By.cssSelector("button.user[data-user='revops-1']")).click());
            String currentQuarter = browser.find(By.id("period")).getAttribute("value");
            List<String> quarters = browser.findAll(By.cssSelector("#period optgroup[label='Fiscal quarters'] option"))
                    .stream().map(o -> o.getAttribute("value")).toList();
            String previousQuarter = quarters.get(quarters.indexOf(currentQuarter) - 1);
            List<String> scopes = new ArrayList<>(scopeValues(browser));
            // a large org lists only the picked scope's neighbourhood: reach a team and a rep through a region
            for (String level : List.of("team:", "rep:")) {
                if (scopes.stream().noneMatch(s -> s.startsWith(level))) {
                    String above = scopes.stream().filter(s -> s.startsWith(level.equals("team:") ? "region:" : "team:"))
                            .findFirst().orElse(null);
                    if (above != null) {
                        browser.open("/?period=" + currentQuarter + "&scope=" + URLEncoder.encode(above, StandardCharsets.UTF_8));
                        scopeValues(browser).stream().filter(s -> s.startsWith(level)).findFirst().ifPresent(scopes::add);
                    }
                }
            }

            long[] paint = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                browser.open("/?period=" + currentQuarter);
                paint[i] = Long.parseLong(browser.find(By.id("main")).getAttribute("data-rendered-at"));
            }
            // where the last paint's time went: the document, then each request (start and end since navigation)
            Object paintTimeline = browser.script("const n = performance.getEntriesByType('navigation')[0];"
                    + "return [`document ${Math.round(n.responseEnd)} ms, scripts run by ${Math.round(n.domContentLoadedEventEnd)} ms`]"
                    + ".concat(performance.getEntriesByType('resource').map(r => `${Math.round(r.startTime)}-${Math.round(r.responseEnd)} ms`"
                    + " + ` ${r.name.replace(location.origin, '').slice(0, 60)} (${r.transferSize} bytes)`)).join('\\n    ');");
            // org and regions from the scope list (always listed), a team or rep by the search, as a person would
            long[] scope = interaction(browser, i -> {
                String next = scopes.get((i + 1) % scopes.size());
                browser.setValue(By.id(next.startsWith("team:") || next.startsWith("rep:") ? "scopeFind" : "scope"), next);
            });
            browser.open("/?period=" + currentQuarter);
            long[] period = interaction(browser, i -> browser.setValue(By.id("period"), i % 2 == 0 ? previousQuarter : currentQuarter));
            browser.open("/?period=" + currentQuarter);
            int max = Integer.parseInt(browser.find(By.id("asOfSlider")).getAttribute("max"));
            long[] asOf = interaction(browser, i -> browser.setValue(By.id("asOfSlider"), String.valueOf(i % Math.max(1, max))));
            browser.screenshot("benchmark-board-as-of");

            StringBuilder screens = new StringBuilder();
            for (String view : List.of("board", "deals", "waterfall", "conversion", "slippage", "velocity", "funnel",
                    "created", "mine", "inspection")) {
                browser.open("/?view=" + view + "&period=" + currentQuarter);
                screens.append(String.format("  %-11s %s ms%n", view,
                        browser.find(By.id("main")).getAttribute("data-render-millis")));
                browser.screenshot("benchmark-" + view);
            }

            String report = String.format("dashboard at %s, %d runs each (ms, p50 / p95 / max):%n"
                    + "  first meaningful paint (board with figures) %s%n  the last paint's timeline:%n    %s%n  change scope %s  (%d scopes: %s)%n"
                    + "  change period %s%n  change as-of (slider) %s%n  each screen drawn once, now:%n%s", url, RUNS, stats(paint), paintTimeline, stats(scope),
                    scopes.size(), scopes, stats(period), stats(asOf), screens);
            System.out.print(report);
        }
    }

    private static List<String> scopeValues(Browser browser) {
        return browser.findAll(By.cssSelector("#scope option")).stream().map(o -> o.getAttribute("value"))
                .filter(s -> !s.startsWith("segment")).toList();
    }

    /** Each run's time from the control's change to the screen drawn again (the page's own measure of its render). */
    private static long[] interaction(Browser browser, Consumer<Integer> change) {
        long[] millis = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            int run = i;
            browser.andWaitForRender(() -> change.accept(run));
            millis[i] = Long.parseLong(browser.find(By.id("main")).getAttribute("data-render-millis"));
        }
        return millis;
    }

    private static String stats(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] + " / " + sorted[(int) Math.ceil(sorted.length * 0.95) - 1] + " / "
                + sorted[sorted.length - 1];
    }
}
