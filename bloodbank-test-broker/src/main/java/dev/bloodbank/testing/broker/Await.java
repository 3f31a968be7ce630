package dev.bloodbank.testing.broker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Waits for a condition with a deadline. The broker, its management statistics and the runtime's
 * threads change state on their own time; a test waits for the state it needs, never for a fixed
 * while: it goes on as soon as the state is there and fails, naming what it waited for, when it
 * is not there in time.
 *
 * <p>The first checks come quickly (a few milliseconds apart) and the pause between checks grows
 * to {@value #MAX_PAUSE_MILLIS} ms, so a condition that holds at once costs nothing and a slow one
 * does not keep a core busy.
 */
public final class Await {

    private static final long FIRST_PAUSE_MILLIS = 2;
    static final long MAX_PAUSE_MILLIS = 100;

    /** A condition; it may throw, and then the wait fails with that exception as its cause. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Reads a value to test; it may throw, and then the wait fails with that exception as its cause. */
    @FunctionalInterface
    public interface Probe<T> {
        T read() throws Exception;
    }

    private Await() {}

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError "timed out after PT10S waiting for {what}" when it does not hold in time
     */
    public static void until(Duration timeout, String what, Condition condition) {
        Objects.requireNonNull(condition, "condition");
        until(timeout, what, condition::holds, Boolean.TRUE::equals);
    }

    /**
     * Reads until the value is {@code ready} and returns that value.
     *
     * @throws AssertionError "timed out after PT10S waiting for {what}; last read: {value}" when it is not ready in time
     */
    public static <T> T until(Duration timeout, String what, Probe<T> probe, Predicate<? super T> ready) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(ready, "ready");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            T value = read(probe, what);
            if (ready.test(value)) return value;
            if (System.nanoTime() - deadline > 0) {
                String last = value instanceof Boolean ? "" : "; last read: " + value;
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + last);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    private static <T> T read(Probe<T> probe, String what) {
        try {
            return probe.read();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("checking " + what + " failed: " + e, e);
        }
    }
}
