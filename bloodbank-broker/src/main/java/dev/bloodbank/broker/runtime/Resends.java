package dev.bloodbank.broker.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sends a message again, the same bytes with the same event id, when the broker may not have
 * stored it: a nack (a quorum queue without a leader for a moment), no confirm in time, or the
 * connection lost before the confirm (its node died; recovery moves to another). A bounded number
 * of attempts, a pause between them long enough for a connection to recover: a caller's future
 * fails only when the message really could not be stored. A resend may store a message twice;
 * consumers drop the second by its event id. Unroutable, window full and closed are final.
 */
final class Resends {

    /** Attempts in all, the first included. */
    static final int ATTEMPTS = 5;

    private final int attempts;
    private final Duration pause;
    private final AtomicLong resent = new AtomicLong();

    Resends(int attempts, Duration pause) {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        this.attempts = attempts;
        this.pause = pause;
    }

    /** Runs {@code send} until it succeeds, fails for good, or has been tried {@code attempts} times. */
    <T> CompletableFuture<T> send(Supplier<CompletableFuture<T>> send) {
        return attempt(send, 1);
    }

    /** Messages sent more than once so far. */
    long resent() {
        return resent.get();
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> send, int attempt) {
        return send.get().exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof PublishException p) || !retryable(p.reason())) return CompletableFuture.failedFuture(cause);
            if (attempt >= attempts)
                return CompletableFuture.failedFuture(attempts == 1 ? p : new PublishException(p.reason(), p.getMessage()
                        + " (sent " + attempts + " times with the same event id; none was confirmed)", p));
            resent.incrementAndGet();
            Executor later = CompletableFuture.delayedExecutor(pause.toMillis() * attempt, TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> null, later).thenCompose(ignored -> attempt(send, attempt + 1));
        });
    }

    static boolean retryable(PublishException.Reason reason) {
        return switch (reason) {
            case NACKED, CONFIRM_TIMEOUT, CONNECTION_LOST -> true;
            default -> false;
        };
    }
}
