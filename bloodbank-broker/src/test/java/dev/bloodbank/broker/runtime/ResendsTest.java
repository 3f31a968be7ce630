package dev.bloodbank.broker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("resending a publish the broker may not have stored")
class ResendsTest {

    private final Resends resends = new Resends(3, Duration.ofMillis(1));

    @AfterEach
    void close() {
        resends.close();
    }

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
    void aResendRefusedBeforeItWasWrittenFailsWithWhyTheWrittenAttemptWasNotConfirmed() {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Long> result = resends.send(() -> calls.incrementAndGet() == 1
                ? failing(PublishException.Reason.CONFIRM_TIMEOUT)
                : failing(PublishException.Reason.BLOCKED));
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
        PublishException failure = assertInstanceOf(PublishException.class, e.getCause());
        // the first attempt was written: the message may yet arrive, which BLOCKED ("not written") would deny
        assertEquals(PublishException.Reason.CONFIRM_TIMEOUT, failure.reason());
        assertEquals("attempt failed: CONFIRM_TIMEOUT; sending it again was refused: attempt failed: BLOCKED", failure.getMessage());
        assertEquals(2, calls.get());
    }

    @Test
    void anUnroutableOrClosedPublishIsNotResent() {
        for (PublishException.Reason reason : new PublishException.Reason[] {
                PublishException.Reason.UNROUTABLE, PublishException.Reason.WINDOW_FULL, PublishException.Reason.BLOCKED,
                PublishException.Reason.CLOSED}) {
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

    @Test
    @DisplayName("resends go out while the JVM's shared pool is busy with other work")
    void resendsDoNotWaitForTheSharedPool() throws Exception {
        ForkJoinPool shared = ForkJoinPool.commonPool();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(shared.getParallelism());
        for (int i = 0; i < shared.getParallelism(); i++) {
            shared.execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertTrue(busy.await(5, TimeUnit.SECONDS), "every thread of the shared pool occupied");
            CompletableFuture<?>[] backlog = new CompletableFuture<?>[200];
            for (int i = 0; i < backlog.length; i++) {
                AtomicInteger calls = new AtomicInteger();
                backlog[i] = resends.send(() -> calls.incrementAndGet() == 1
                        ? failing(PublishException.Reason.CONNECTION_LOST) : CompletableFuture.completedFuture(1L));
            }
            CompletableFuture.allOf(backlog).get(5, TimeUnit.SECONDS);
            assertEquals(200, resends.resent());
        } finally {
            release.countDown();
        }
    }

    @Test
    void onceClosedAPublishThatWouldBeResentFailsAtOnceWithItsCause() {
        resends.close();
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Long> result = resends.send(() -> {
            calls.incrementAndGet();
            return failing(PublishException.Reason.NACKED);
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
        assertEquals(PublishException.Reason.NACKED, assertInstanceOf(PublishException.class, e.getCause()).reason());
        assertEquals(1, calls.get());
        assertEquals(0, resends.resent());
    }
}
