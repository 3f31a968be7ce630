package dev.bloodbank.testing.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the RabbitMQ application of the test broker (not the Erlang node), so that
 * tests can show what clients do across a broker restart. Works on a broker on this machine
 * through {@code rabbitmqctl}, or on the Testcontainers fallback through {@code rabbitmqctl}
 * inside the container. Durable objects (vhosts, quorum queues and their messages) survive.
 *
 * <p>A restart takes the broker away from every client of it: use it only on a broker that this
 * project's tests own.
 */
public final class LocalBrokerControl {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BACK_TIMEOUT = Duration.ofSeconds(60);

    /** Runs one {@code rabbitmqctl} command, locally or in the container. */
    @FunctionalInterface
    interface Ctl {
        void run(List<String> arguments, Duration timeout);
    }

    /** The file-handle budget the suite needs; .ci/run sets the same before it starts. */
    static final int FILE_HANDLE_LIMIT = 100_000;

    private final BrokerEndpoint endpoint;
    private final Ctl ctl;

    private LocalBrokerControl(BrokerEndpoint endpoint, Ctl ctl) {
        this.endpoint = endpoint;
        this.ctl = ctl;
    }

    /** Control of the broker the tests run against; see {@link #forEndpoint}. */
    public static LocalBrokerControl forTestBroker() {
        return forEndpoint(TestBroker.endpoint());
    }

    /**
     * Control of the broker at {@code endpoint}. Fails, saying what to do, when it is neither the
     * Testcontainers fallback nor on this machine with {@code rabbitmqctl} on the PATH.
     */
    public static LocalBrokerControl forEndpoint(BrokerEndpoint endpoint) {
        Ctl inContainer = ContainerBroker.ctl(endpoint);
        if (inContainer != null) return new LocalBrokerControl(endpoint, inContainer);
        if (!LOCAL_HOSTS.contains(endpoint.host().toLowerCase()))
            throw new IllegalStateException("restarting the broker needs a broker on this machine, but it is at "
                    + endpoint.host() + ":" + endpoint.amqpPort() + "; unset BLOODBANK_AMQP_URL/BLOODBANK_MANAGEMENT_URL "
                    + "to use the local one (rabbitmq-server -detached) or run with Docker for the Testcontainers broker");
        Path rabbitmqctl = onPath("rabbitmqctl");
        if (rabbitmqctl == null)
            throw new IllegalStateException("restarting the local broker needs rabbitmqctl on the PATH (PATH="
                    + System.getenv("PATH") + "); install the RabbitMQ server tools or add their sbin directory to the PATH");
        return new LocalBrokerControl(endpoint, (arguments, timeout) -> runLocal(rabbitmqctl, arguments, timeout));
    }

    /** {@code rabbitmqctl stop_app}: every client connection drops; the node stays up. */
    public void stopApp() {
        ctl.run(List.of("stop_app"), COMMAND_TIMEOUT);
    }

    /**
     * {@code rabbitmqctl start_app}, then waits until the broker is fully back: {@code await_startup},
     * the AMQP port accepting connections and the management API answering 200.
     */
    public void startApp() {
        ctl.run(List.of("start_app"), COMMAND_TIMEOUT);
        awaitBack();
        // start_app resets the broker's file-handle budget to what the process limit gave it at boot (927
        // under a 1,024 soft limit); quorum queues reserve handles from it, so the tests after a restart
        // would wedge the broker. Raise it again, as .ci/run does before the suite.
        ctl.run(List.of("eval", "file_handle_cache:set_limit(" + FILE_HANDLE_LIMIT + ")."), COMMAND_TIMEOUT);
    }

    /**
     * Raises a memory alarm on the broker's node, as a node over its memory watermark does: the broker
     * blocks every connection that publishes, and tells it with {@code connection.blocked}. Closing the
     * returned handle clears the alarm. The alarm is set directly, not by lowering the watermark, so
     * that clearing it leaves the broker's configuration as it was; {@code .ci/run} clears it too, in
     * case a test run was killed in between.
     */
    public MemoryAlarm raiseMemoryAlarm() {
        ctl.run(List.of("eval", "rabbit_alarm:set_alarm({{resource_limit, memory, node()}, []})."), COMMAND_TIMEOUT);
        return () -> ctl.run(List.of("eval", "rabbit_alarm:clear_alarm({resource_limit, memory, node()})."), COMMAND_TIMEOUT);
    }

    /** A memory alarm raised by {@link #raiseMemoryAlarm}; closing it clears it. */
    @FunctionalInterface
    public interface MemoryAlarm extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits, at most a minute, until the broker answers on AMQP and on the management API. */
    public void awaitBack() {
        ctl.run(List.of("await_startup", "--timeout", String.valueOf(BACK_TIMEOUT.toSeconds())), BACK_TIMEOUT.plusSeconds(10));
        long deadline = System.nanoTime() + BACK_TIMEOUT.toNanos();
        ManagementHttp management = new ManagementHttp(endpoint.managementUri(), endpoint.username(), endpoint.password());
        while (!(amqpPortOpen() && management.answers())) {
            if (System.nanoTime() > deadline)
                throw new IllegalStateException("the broker did not come back within " + BACK_TIMEOUT + ": AMQP port "
                        + endpoint.amqpPort() + (amqpPortOpen() ? " open" : " closed") + ", management API at "
                        + endpoint.managementUri() + " not answering 200");
            sleep(200);
        }
    }

    private boolean amqpPortOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.amqpPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void runLocal(Path rabbitmqctl, List<String> arguments, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(rabbitmqctl.toString());
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        try {
            // Output is small; reading it after exit cannot block the process on a full pipe for these commands.
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String output = read(process.getInputStream());
            if (process.exitValue() != 0)
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }
}
