package dev.bloodbank.broker.runtime;

import java.time.Duration;

/** Counts handlers running right now, so that shutdown can wait for them. */
final class InFlight {

    private int running;

    synchronized void begin() {
        running++;
    }

    synchronized void end() {
        running--;
        if (running == 0) notifyAll();
    }

    /** Waits until no handler runs; false when the timeout came first. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized int running() {
        return running;
    }
}
