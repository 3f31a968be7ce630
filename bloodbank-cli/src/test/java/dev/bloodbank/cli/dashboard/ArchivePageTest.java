package dev.bloodbank.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

@ExtendWith(BrokerExtension.class)
@DisplayName("bloodbank dashboard: the event keys and the event browser in headless Chromium")
class ArchivePageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Markup that would run or render if the page put a payload through innerHTML. */
    private static final String HOSTILE = "{\"note\":\"<script>window.pwned=1</script><img src=x onerror=\\\"window.pwned=2\\\"><b>bold</b>\"}";

    @TempDir
    Path dir;

    private ChromeDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) browser.quit();
    }

    private WebDriverWait waiting(Duration patience) {
        // The page replaces the rows on every refresh: an element found a moment ago may be gone.
        return (WebDriverWait) new WebDriverWait(browser, patience, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class);
    }

    /** The text of the first element {@code css} selects, read in one step (rows are replaced as the page refreshes). */
    private String textOf(String css) {
        return (String) browser.executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
    }

    private void openPage(RunningDashboard d) throws Exception {
        d.awaitFollowing();
        browser = Chromium.start(dir.resolve("profile"));
        browser.get(d.dashboard.pageUrl("127.0.0.1"));
        waiting(PATIENCE).until(b -> b.findElement(By.id("events-section")).isDisplayed());
    }

    @Test
    @DisplayName("a published event is in the browser within 3 s, and its key's row counts it")
    void publishedEventAppears(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            openPage(d);
            long start = System.nanoTime();
            Envelope placed = d.publishEnvelope("shop.order.placed", "{\"order\":7}");
            waiting(Duration.ofSeconds(3)).until(b -> !b.findElements(
                    By.cssSelector("#events tr[data-event-id='" + placed.eventId() + "']")).isEmpty());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
            assertEquals("shop.order.placed", textOf("#events tr[data-event-id='" + placed.eventId() + "'] td:nth-child(2)"));

            waiting(PATIENCE).until(b -> "1".equals(textOf("#keys tr[data-key='shop.order.placed'] td.total")));
            d.publishEnvelope("shop.order.placed", "{\"order\":8}");
            waiting(PATIENCE).until(b -> "2".equals(textOf("#keys tr[data-key='shop.order.placed'] td.total")));
            assertEquals(15L, browser.executeScript(
                    "return document.querySelectorAll(\"#keys tr[data-key='shop.order.placed'] svg.spark rect\").length;"));
        }
    }

    @Test
    @DisplayName("a payload holding a script and HTML stays text in the list and in the event view, which shows what it caused")
    void hostilePayloadStaysText(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            openPage(d);
            Envelope hostile = d.publishEnvelope("shop.order.placed", HOSTILE);
            Envelope effect = d.publishEnvelope("shop.order.cancelled", "{}", hostile.eventId());
            String row = "#events tr[data-event-id='" + hostile.eventId() + "']";
            waiting(PATIENCE).until(b -> textOf(row + " td.payload") != null);
            assertEquals(HOSTILE, textOf(row + " td.payload"));

            browser.findElement(By.cssSelector(row)).click();
            waiting(PATIENCE).until(b -> b.findElement(By.id("event-view")).isDisplayed());
            waiting(PATIENCE).until(b -> String.valueOf(textOf("#event-envelope")).contains(hostile.eventId().toString()));
            assertTrue(textOf("#event-envelope").contains("<script>window.pwned=1</script><img src=x"), textOf("#event-envelope"));
            assertEquals("dashboard", textOf("#event-headers tr td:nth-child(2)"));
            waiting(PATIENCE).until(b -> !b.findElements(By.cssSelector("#event-trace li[data-event-id='" + effect.eventId() + "']")).isEmpty());

            assertEquals(List.of(), browser.findElements(By.cssSelector(
                    "#events-section script, #events-section img, #events-section b, #keys-section script")));
            assertNull(browser.executeScript("return window.pwned;"));
        }
    }
}
