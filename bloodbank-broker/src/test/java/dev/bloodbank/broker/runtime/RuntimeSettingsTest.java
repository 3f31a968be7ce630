package dev.bloodbank.broker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.engine.InMemoryDedupStore;
import dev.bloodbank.flow.FlowListener;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

    private static final String URL = "amqp://guest:guest@localhost:5672/%2F";

    @Test
    @DisplayName("the builder's defaults are those of of(url, app)")
    void builderDefaultsMatchOf() {
        RuntimeSettings built = RuntimeSettings.builder(URL, "transcriber").build();
        RuntimeSettings shortForm = RuntimeSettings.of(URL, "transcriber");
        assertEquals(shortForm.sourceHost(), built.sourceHost());
        assertEquals(1000, built.publishWindow());
        assertEquals(Duration.ofSeconds(10), built.windowTimeout());
        assertEquals(Duration.ofSeconds(30), built.confirmTimeout());
        assertEquals(Duration.ofSeconds(30), built.shutdownTimeout());
        assertEquals(1, built.concurrency());
        assertEquals(Duration.ofSeconds(2), built.recoveryInterval());
        assertSame(FlowListener.NO_OP, built.listener());
    }

    @Test
    @DisplayName("each build without a dedup store gets its own")
    void freshDedupStorePerBuild() {
        RuntimeSettings.Builder builder = RuntimeSettings.builder(URL, "transcriber");
        assertNotSame(builder.build().dedupStore(), builder.build().dedupStore());
    }

    @Test
    @DisplayName("toBuilder keeps every value and changes only what is set")
    void toBuilderDerives() {
        FlowListener listener = new FlowListener() {};
        RuntimeSettings base = RuntimeSettings.builder(URL, "transcriber")
                .sourceHost("worker-3")
                .dedupStore(InMemoryDedupStore.withDefaults())
                .listener(listener)
                .publishWindow(64)
                .windowTimeout(Duration.ofSeconds(1))
                .confirmTimeout(Duration.ofSeconds(2))
                .shutdownTimeout(Duration.ofSeconds(3))
                .concurrency(4)
                .recoveryInterval(Duration.ofMillis(250))
                .build();

        RuntimeSettings derived = base.toBuilder().concurrency(8).build();

        assertEquals(new RuntimeSettings(URL, "transcriber", "worker-3", base.dedupStore(), listener, 64,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), 8, Duration.ofMillis(250),
                Duration.ofNanos(300_000)), derived);
        assertEquals(4, base.concurrency());
    }

    @Test
    @DisplayName("a bad value is refused at build with its name and value")
    void badValueNamed() {
        var window = assertThrows(IllegalArgumentException.class,
                () -> RuntimeSettings.builder(URL, "transcriber").publishWindow(0).build());
        assertEquals("publishWindow must be at least 1, was 0", window.getMessage());
        var timeout = assertThrows(IllegalArgumentException.class,
                () -> RuntimeSettings.builder(URL, "transcriber").confirmTimeout(Duration.ZERO).build());
        assertEquals("confirmTimeout must be positive, was PT0S", timeout.getMessage());
        var delay = assertThrows(IllegalArgumentException.class,
                () -> RuntimeSettings.builder(URL, "transcriber").sendDelay(Duration.ofSeconds(1)).build());
        assertEquals("sendDelay must be between 0 and 10 ms, was PT1S: it is added to a lone message's confirm time", delay.getMessage());
        var app = assertThrows(IllegalArgumentException.class, () -> RuntimeSettings.builder(URL, " ").build());
        assertTrue(app.getMessage().startsWith("sourceApp is empty"), app.getMessage());
    }
}
