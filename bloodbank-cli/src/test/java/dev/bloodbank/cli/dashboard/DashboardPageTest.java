package dev.bloodbank.cli.dashboard;

import static dev.bloodbank.cli.dashboard.RunningDashboard.BILLING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.MessageDefinition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@ExtendWith(BrokerExtension.class)
@DisplayName("bloodbank dashboard: the page in headless Chromium")
class DashboardPageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Markup that would run or render if the page put data through innerHTML. */
    private static final String HOSTILE = "{\"note\":\"<script>window.pwned=1</script><img src=x onerror=\\\"window.pwned=2\\\"><b>bold</b>\"}";

    @TempDir
    Path dir;

    private ChromeDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) browser.quit();
    }

    private WebDriverWait waiting() {
        // The page replaces the queue rows on every refresh: an element found a moment ago may be gone.
        return (WebDriverWait) new WebDriverWait(browser, PATIENCE, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class);
    }

    /** The class attribute of the first element {@code css} selects, read in one step (rows are replaced as the page refreshes). */
    private String classOf(String css) {
        return (String) browser.executeScript("return document.querySelector(arguments[0]).getAttribute('class');", css);
    }

    @Test
    @DisplayName("the graph shows every key of the topology, and queue figures arrive without a reload")
    void graphRendersTheTopologysKeys(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            browser = Chromium.start(dir.resolve("profile"));
            browser.get(d.dashboard.pageUrl("127.0.0.1"));
            waiting().until(b -> !b.findElements(By.cssSelector("#graph [data-key]")).isEmpty());
            Set<String> shown = browser.findElements(By.cssSelector("#graph [data-key]")).stream()
                    .map(e -> e.getAttribute("data-key")).collect(Collectors.toSet());
            Set<String> declared = d.topology.messages().stream().map(MessageDefinition::key).collect(Collectors.toSet());
            assertEquals(declared, shown);
            assertEquals("shop.order.placed", browser.findElement(By.cssSelector("#graph [data-key='shop.order.placed'] text")).getText());
            assertTrue(browser.findElement(By.cssSelector("#graph [data-key='mail.message.bounced']")).getAttribute("class").contains("unrouted"));

            d.publish("shop.order.placed", 4);
            waiting().until(b -> b.findElement(By.cssSelector("#queues tr[data-queue='" + BILLING + "'] td:nth-child(3)")).getText().equals("4"));
            assertTrue(classOf("#queues tr[data-queue='" + BILLING + "']").contains("no_consumer"));
            assertTrue(classOf("#graph [data-queue='" + BILLING + "']").contains("no_consumer"));
            assertEquals("", browser.getCurrentUrl().replaceFirst("^http://127\\.0\\.0\\.1:\\d+/", ""),
                    "the token leaves the address bar once read");
        }
    }

    @Test
    @DisplayName("a dead letter whose payload holds a script and HTML shows as text, and replaying it from the page empties the queue")
    void hostilePayloadStaysTextAndReplayEmptiesTheQueue(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            d.deadLetter("order-7", HOSTILE, "<i>no stock</i>");
            browser = Chromium.start(dir.resolve("profile"));
            browser.get(d.dashboard.pageUrl("127.0.0.1"));
            WebElement payload = waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#dead-letters .letter[data-message-id='order-7'] pre.payload")));
            assertEquals(HOSTILE, payload.getText());
            assertEquals("IllegalStateException: <i>no stock</i>",
                    browser.findElement(By.cssSelector("#dead-letters .letter .error")).getText());
            assertEquals(List.of(), browser.findElements(By.cssSelector("#dead-letters script, #dead-letters img, #dead-letters b, #dead-letters i")));
            assertNull(browser.executeScript("return window.pwned;"));

            browser.findElement(By.cssSelector("#dead-letters .dead-queue[data-queue='" + BILLING + "'] button.replay-all")).click();
            waiting().until(b -> b.findElements(By.cssSelector("#dead-letters .letter")).isEmpty());
            assertEquals(0, vhost.messageCount(BILLING + ".dlq"));
            assertEquals(1, vhost.messageCount(BILLING), "the letter is back in its work queue");
            waiting().until(b -> b.findElement(By.id("no-dead-letters")).isDisplayed());
        }
    }

    @Test
    @DisplayName("a page of another origin cannot replay, even holding the token")
    void anotherOriginCannotWrite(TestVhost vhost) throws Exception {
        HttpServer otherSite = otherSite();
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            d.deadLetter("order-9", "{}", "boom");
            browser = Chromium.start(dir.resolve("profile"));
            browser.get("http://localhost:" + otherSite.getAddress().getPort() + "/");
            String target = d.base() + "/api/dead-letters/replay";
            String body = "{\"queue\":\"" + BILLING + "\"}";
            Object preflighted = ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Bloodbank-Token': arguments[2]},
                                         body: arguments[1]})
                      .then(r => done('status ' + r.status), e => done('blocked'));""", target, body, d.dashboard.token());
            assertEquals("blocked", preflighted, "no CORS grant: the browser refuses to send it");
            Object simple = ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0], {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: arguments[1]})
                      .then(r => done(r.type), e => done('blocked'));""", target, body);
            assertEquals("opaque", simple, "a simple request is sent, and refused by the server");
            assertEquals(1, vhost.messageCount(BILLING + ".dlq"));
        } finally {
            otherSite.stop(0);
        }
    }

    /** A blank page on another origin: the site a person has open in another tab. */
    private static HttpServer otherSite() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>another site</title><p>another site".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            try (exchange) {
                exchange.getResponseBody().write(page);
            }
        });
        server.start();
        return server;
    }
}
