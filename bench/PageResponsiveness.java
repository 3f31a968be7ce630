import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * How the dashboard page behaves in headless Chromium while it is open on a large topology: the
 * time from navigation until the graph holds every key of the topology, then, for SECONDS, the
 * page's main thread: every long task the browser reports (over 50 ms, PerformanceObserver
 * 'longtask') and, once a second, how long a timer set to fire at once waits for the main thread
 * (what a click would wait). Prints one report.
 *
 *   java -cp SELENIUM_CLASSPATH bench/PageResponsiveness.java URL KEYS SECONDS PROFILE_DIR
 */
public class PageResponsiveness {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int keys = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path profile = Files.createDirectories(Path.of(args[3]));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            JavascriptExecutor js = driver;
            long start = System.nanoTime();
            driver.get(url);
            long loaded = System.nanoTime();
            long graphKeys = 0;
            while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
                graphKeys = ((Number) js.executeScript("return document.querySelectorAll('g[data-key]').length;")).longValue();
                if (graphKeys >= keys) break;
                Thread.sleep(50);
            }
            long rendered = System.nanoTime();

            js.executeScript("window.__longTasks = [];"
                    + "new PerformanceObserver(l => l.getEntries().forEach(e => window.__longTasks.push(e.duration)))"
                    + ".observe({entryTypes: ['longtask']});");
            List<Double> delays = new ArrayList<>();
            for (int i = 0; i < seconds; i++) {
                Object delay = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "const t = performance.now(); setTimeout(() => done(performance.now() - t), 0);");
                delays.add(((Number) delay).doubleValue());
                Thread.sleep(1000);
            }
            @SuppressWarnings("unchecked")
            List<Number> longTasks = (List<Number>) js.executeScript("return window.__longTasks;");
            double longest = longTasks.stream().mapToDouble(Number::doubleValue).max().orElse(0);
            double busy = longTasks.stream().mapToDouble(Number::doubleValue).sum();
            Collections.sort(delays);
            int rows = driver.findElements(By.cssSelector("#keys tbody tr")).size();

            System.out.printf("page load (navigation until the document loaded)   %d ms%n", (loaded - start) / 1_000_000);
            System.out.printf("graph with %d of %d keys (events and commands) after  %d ms from navigation%n", graphKeys, keys,
                    (rendered - start) / 1_000_000);
            System.out.printf("rows of the key table at the end (keys with figures) %d%n", rows);
            System.out.printf("long tasks (> 50 ms) in %d s                         %d, longest %.0f ms, %.0f ms in all (%.1f %% of the time)%n",
                    seconds, longTasks.size(), longest, busy, busy / (seconds * 10.0));
            System.out.printf("main-thread wait of a timer, once a second          median %.1f ms, max %.1f ms%n",
                    delays.get(delays.size() / 2), delays.get(delays.size() - 1));
        } finally {
            driver.quit();
        }
    }
}
