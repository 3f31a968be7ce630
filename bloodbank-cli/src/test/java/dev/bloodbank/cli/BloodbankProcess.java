package dev.bloodbank.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The bloodbank command in a process of its own, as a shell starts it: for what only a real process
 * shows (a signal, a shutdown hook, environment variables the application reads). Its class path is
 * this module's without the test classes, so only the applications given with --classpath are found.
 * Output lines (stdout and stderr merged) are collected as they come.
 */
final class BloodbankProcess implements AutoCloseable {

    /** Where the reactor compiled the example service (the examples module builds before this one). */
    static final Path EXAMPLE_CLASSES = Path.of("..", "examples", "target", "classes").toAbsolutePath().normalize();

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private BloodbankProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line);
            } catch (IOException closed) {
                // the process ended
            }
        }, "bloodbank-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static BloodbankProcess start(Path workingDirectory, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new BloodbankProcess(builder.start());
    }

    /** This module's class path without its test classes (whose registrations would be found too). */
    static String classPath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
                // The tests' logging binding; the command has its own (slf4j-nop).
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("slf4j-simple"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The next output line, waiting up to {@code timeout}; fails with everything seen so far. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null)
            throw new AssertionError("no output line within " + timeout + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")")
                    + "; seen:\n" + String.join("\n", seen));
        seen.add(line);
        return line;
    }

    /** SIGTERM, as `kill` or a service manager sends; waits for the process to end and returns its exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) throw new AssertionError("still running " + timeout + " after SIGTERM");
        return process.exitValue();
    }

    /** Every line left, once the process ended. */
    List<String> rest() throws InterruptedException {
        process.waitFor();
        List<String> rest = new ArrayList<>();
        // The reader may still be draining the pipe just after exit.
        for (String line; (line = lines.poll(2, TimeUnit.SECONDS)) != null; ) rest.add(line);
        seen.addAll(rest);
        return rest;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
