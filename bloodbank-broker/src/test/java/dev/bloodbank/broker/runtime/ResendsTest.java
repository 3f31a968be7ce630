package dev.bloodbank.broker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("resending a publish the broker may not have stored")
class ResendsTest {

    private final Resends resends = new Resends(3, Duration.ofMillis(1));

    private static CompletableFuture<Long> failing(PublishException.Reason reason) {
        return CompletableFuture.failedFuture(new PublishException(reason, "attempt failed: " + reason));
    }

    @Test
    void aNackThenALostConnectionAreResentUntilTheBrokerConfirms() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Long> result = resends.send(() -> switch (calls.incrementAndGet()) {
            case 1 -> failing(PublishException.Reason.NACKED);
            case 2 -> failing(PublishException.Reason.CONNECTION_LOST);
            default -> CompletableFuture.completedFuture(42L);
        });
        assertEquals(42L, result.get(5, TimeUnit.SECONDS));
        assertEquals(3, calls.get());
        assertEquals(2, resends.resent());
    }

    @Test
    void afterTheLastAttemptTheFutureFailsSayingHowOftenItWasSent() {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Long> result = resends.send(() -> {
            calls.incrementAndGet();
            return failing(PublishException.Reason.CONFIRM_TIMEOUT);
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
        PublishException failure = assertInstanceOf(PublishException.class, e.getCause());
        assertEquals(PublishException.Reason.CONFIRM_TIMEOUT, failure.reason());
        assertTrue(failure.getMessage().endsWith("(sent 3 times with the same event id; none was confirmed)"), failure.getMessage());
        assertEquals(3, calls.get());
    }

    @Test
    void anUnroutableOrClosedPublishIsNotResent() {
        for (PublishException.Reason reason : new PublishException.Reason[] {
                PublishException.Reason.UNROUTABLE, PublishException.Reason.WINDOW_FULL, PublishException.Reason.CLOSED}) {
            AtomicInteger calls = new AtomicInteger();
            CompletableFuture<Long> result = resends.send(() -> {
                calls.incrementAndGet();
                return failing(reason);
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
            assertEquals(reason, assertInstanceOf(PublishException.class, e.getCause()).reason());
            assertEquals(1, calls.get(), reason.name());
        }
    }
}
