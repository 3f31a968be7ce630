package dev.bloodbank.cli.catalog;

import dev.bloodbank.broker.runtime.BloodbankRuntime;
import dev.bloodbank.metrics.BloodbankMetrics;
import dev.bloodbank.topology.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * An application {@code bloodbank run} started, and its one way to stop: from the shutdown hook on
 * Ctrl-C or SIGTERM, or from the command's own thread when that is interrupted. Whichever comes
 * first stops it; the stop waits for in-flight handlers (the runtime's shutdown timeout) and says
 * how it went.
 */
final class RunningService {

    private final String name;
    private final BloodbankRuntime.Running running;
    private final Duration timeout;
    private final BloodbankMetrics metrics;
    private final PrintWriter out;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean stopping;

    RunningService(String name, BloodbankRuntime.Running running, Duration timeout, BloodbankMetrics metrics, PrintWriter out) {
        this.name = name;
        this.running = running;
        this.timeout = timeout;
        this.metrics = metrics;
        this.out = out;
    }

    /** Stops the service unless already stopping; true when this call did it. */
    boolean stop() {
        synchronized (this) {
            if (stopping) return false;
            stopping = true;
        }
        boolean idle = running.stop(timeout);
        metrics.close();
        out.println(name + " stopped: " + (idle
                ? "every handler that was running finished and was acknowledged"
                : "handlers were still running after " + Durations.format(timeout) + "; their messages will be delivered again"));
        out.flush();
        stopped.countDown();
        return true;
    }

    void awaitStopped() throws InterruptedException {
        stopped.await();
    }
}
