package dev.bloodbank.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The bloodbank command in a process of its own, as a shell starts it: for what only a real process
 * shows (a signal, a shutdown hook, environment variables the application reads). Its class path is
 * this module's without the test classes, so only the applications given with --classpath are found.
 * Its output (stdout and stderr merged) goes to a file, read line by line as it grows.
 */
public final class BloodbankProcess implements AutoCloseable {

    /** Where the reactor compiled the example service (the examples module builds before this one). */
    public static final Path EXAMPLE_CLASSES = Path.of("..", "examples", "target", "classes").toAbsolutePath().normalize();

    private final Process process;
    private final Path output;
    private final List<String> seen = new ArrayList<>();

    private BloodbankProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static BloodbankProcess start(Path workingDirectory, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        // A file, not a pipe: what the process wrote while a signal stopped it is all there once it ended.
        Path output = Files.createTempFile(workingDirectory, "bloodbank-output", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new BloodbankProcess(builder.start(), output);
    }

    /** This module's class path without its test classes (whose registrations would be found too). */
    public static String classPath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
                // The tests' logging binding; the command has its own (slf4j-nop).
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("slf4j-simple"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The next output line, waiting up to {@code timeout}; fails with everything seen so far. */
    public String nextLine(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = completeLines();
            if (lines.size() > seen.size()) {
                String line = lines.get(seen.size());
                seen.add(line);
                return line;
            }
            if (System.nanoTime() > deadline || !process.isAlive() && completeLines().size() == seen.size())
                throw new AssertionError("no output line within " + timeout + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")")
                        + "; seen:\n" + String.join("\n", seen));
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    /** The lines written so far that end in a newline. */
    private List<String> completeLines() throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    /** SIGTERM, as `kill` or a service manager sends; waits for the process to end and returns its exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) throw new AssertionError("still running " + timeout + " after SIGTERM");
        return process.exitValue();
    }

    /** Every line not yet seen, once the process ended. */
    public List<String> rest() throws InterruptedException, IOException {
        process.waitFor();
        List<String> lines = completeLines();
        List<String> rest = new ArrayList<>(lines.subList(seen.size(), lines.size()));
        seen.addAll(rest);
        return rest;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
