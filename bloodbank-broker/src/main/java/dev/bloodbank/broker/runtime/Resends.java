package dev.bloodbank.broker.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sends a message again, the same bytes with the same event id, when the broker may not have
 * stored it: a nack (a quorum queue without a leader for a moment), no confirm in time, or the
 * connection lost before the confirm (its node died; recovery moves to another). A bounded number
 * of attempts, a pause between them long enough for a connection to recover: a caller's future
 * fails only when the message really could not be stored. A resend may store a message twice;
 * consumers drop the second by its event id. Unroutable, window full and closed are final.
 *
 * <p>The pauses run on a scheduler of the publisher's own: a node dying fails a whole window of
 * publishes at once, and their resends must go out together when it is over: not queued behind
 * whatever else the JVM's shared pool is doing, nor (where that pool has a single thread, as on
 * two cores) on a new thread for each. Once closed, a
 * resend already waiting still runs and fails as closed; a new one fails at once with its cause.
 */
final class Resends implements AutoCloseable {

    /** Attempts in all, the first included. */
    static final int ATTEMPTS = 5;

    /** Sending is a non-blocking write while the window has room; two threads keep a backlog moving. */
    private static final int THREADS = 2;
    private static final AtomicInteger SCHEDULERS = new AtomicInteger();

    private final int attempts;
    private final Duration pause;
    private final AtomicLong resent = new AtomicLong();
    private final ScheduledThreadPoolExecutor scheduler;

    Resends(int attempts, Duration pause) {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        this.attempts = attempts;
        this.pause = pause;
        int number = SCHEDULERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(THREADS, task -> {
            Thread thread = new Thread(task, "bloodbank-resends-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code send} until it succeeds, fails for good, or has been tried {@code attempts} times. */
    <T> CompletableFuture<T> send(Supplier<CompletableFuture<T>> send) {
        return attempt(send, 1, null);
    }

    /** Messages sent more than once so far. */
    long resent() {
        return resent.get();
    }

    /** @param previous why the attempt before this one failed; null for the first */
    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> send, int attempt, PublishException previous) {
        return send.get().exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof PublishException p)) return CompletableFuture.failedFuture(cause);
            if (!retryable(p.reason())) return CompletableFuture.failedFuture(previous == null ? p : refusedAgain(p, previous));
            if (attempt >= attempts)
                return CompletableFuture.failedFuture(attempts == 1 ? p : new PublishException(p.reason(), p.getMessage()
                        + " (sent " + attempts + " times with the same event id; none was confirmed)", p));
            return later(send, attempt + 1, p);
        });
    }

    private <T> CompletableFuture<T> later(Supplier<CompletableFuture<T>> send, int attempt, PublishException last) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> {
                try {
                    attempt(send, attempt, last).whenComplete((value, error) -> {
                        if (error == null) result.complete(value);
                        else result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error);
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, pause.toMillis() * (attempt - 1), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(last);
        }
        resent.incrementAndGet();
        return result;
    }

    /** No new resends; those already waiting run at their time (and fail if the channel is closed). */
    @Override
    public void close() {
        scheduler.shutdown();
    }

    /**
     * A resend refused before it was written: the earlier attempt was written and not confirmed, so
     * the caller learns that reason (the message may or may not have arrived), not "not written".
     */
    private static PublishException refusedAgain(PublishException refusal, PublishException previous) {
        return switch (refusal.reason()) {
            case WINDOW_FULL, BLOCKED, CLOSED -> new PublishException(previous.reason(), previous.getMessage()
                    + "; sending it again was refused: " + refusal.getMessage(), refusal);
            default -> refusal;
        };
    }

    static boolean retryable(PublishException.Reason reason) {
        return switch (reason) {
            case NACKED, CONFIRM_TIMEOUT, CONNECTION_LOST -> true;
            default -> false;
        };
    }
}
