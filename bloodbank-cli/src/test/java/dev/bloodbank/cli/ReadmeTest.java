package dev.bloodbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.cli.catalog.RunCommand;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour, executed: every session it shows (see {@link ReadmeTour} for the markers) runs,
 * in order, in a fresh vhost and a working directory of its own, and prints what the README says it
 * prints. A change to a command's output changes the README in the same commit.
 */
@ExtendWith(BrokerExtension.class)
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();
    private static final Path EXAMPLES_MODULE = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final List<String> TOUR = List.of("validate", "show", "plan", "apply", "publish", "tail", "dlq", "stats", "describe", "run");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What one command printed (stdout and stderr interleaved as on a terminal) and its exit code. */
    private record Outcome(List<String> lines, int exitCode) {}

    @Test
    void everyCommandOfTheTourPrintsWhatTheReadmeShows(TestVhost vhost, @TempDir Path dir) throws Exception {
        ReadmeTour tour = ReadmeTour.parse(Files.readString(README));
        Set<String> shown = tour.sessions().stream().flatMap(s -> s.steps().stream())
                .map(step -> ReadmeTour.words(step.command())).filter(w -> w.size() > 1 && w.get(0).equals("bloodbank"))
                .map(w -> w.get(1)).collect(Collectors.toCollection(LinkedHashSet::new));
        assertTrue(shown.containsAll(TOUR), "the README's sessions show " + shown + ", the tour needs " + TOUR);

        for (ReadmeTour.FileBlock file : tour.files()) Files.writeString(dir.resolve(file.name()), file.content());
        // `--classpath examples/target/classes` as written, from the tour's own working directory.
        Files.createSymbolicLink(dir.resolve("examples"), EXAMPLES_MODULE);
        Map<String, String> variables = Map.of(
                ConnectionOptions.AMQP_VARIABLE, vhost.amqpUrl(),
                ConnectionOptions.MANAGEMENT_VARIABLE, vhost.managementUrl(),
                RunCommand.METRICS_PORT_VARIABLE, "0");
        ReadmeOutput output = new ReadmeOutput(vhost.name(), dir.toString());

        List<String> differences = new ArrayList<>();
        for (ReadmeTour.Session session : tour.sessions()) {
            int lastExit = 0;
            boolean first = true;
            for (ReadmeTour.Step step : session.steps()) {
                List<String> printed;
                if (step.command().equals("echo $?")) {
                    printed = List.of(String.valueOf(lastExit));
                } else {
                    Outcome outcome = run(step, first ? session.meanwhile() : null, dir, variables);
                    printed = outcome.lines();
                    lastExit = outcome.exitCode();
                }
                first = false;
                List<ReadmeTour.Expected> shownLines = step.output().stream().filter(e -> !e.interrupt()).toList();
                output.difference(shownLines, printed).ifPresent(difference -> differences.add("$ " + step.command()
                        + "   (README.md:" + step.line() + ")\n  " + difference + "\n  The command printed:\n"
                        + printed.stream().map(l -> "    | " + l).collect(Collectors.joining("\n"))));
            }
        }
        assertTrue(differences.isEmpty(), "README.md shows output the commands no longer print (ids, times, rates, ports"
                + " and the vhost may differ; a line … stands for any lines). Update the README with the output change:\n\n"
                + String.join("\n\n", differences));
    }

    private Outcome run(ReadmeTour.Step step, String meanwhile, Path dir, Map<String, String> variables) throws Exception {
        List<String> words = ReadmeTour.words(step.command());
        assertEquals("bloodbank", words.get(0), "README.md:" + step.line() + ": a session runs bloodbank commands only");
        String[] args = words.subList(1, words.size()).toArray(String[]::new);
        if (step.output().stream().anyMatch(ReadmeTour.Expected::interrupt)) return untilInterrupted(step, dir, variables, args);

        CliEnvironment environment = new CliEnvironment(variables, dir, Palette.PLAIN, ApplicationJars.withoutRegistrations());
        StringWriter terminal = new StringWriter();
        PrintWriter writer = new PrintWriter(terminal, true);
        int[] exit = {-1};
        Thread command = new Thread(() -> exit[0] = Main.run(environment, writer, writer, args), "readme " + step.command());
        command.start();
        if (meanwhile != null) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (terminal.toString().indexOf('\n') < 0 && command.isAlive() && System.nanoTime() < deadline) command.join(20);
            String[] other = ReadmeTour.words(meanwhile).subList(1, ReadmeTour.words(meanwhile).size()).toArray(String[]::new);
            StringWriter ignored = new StringWriter();
            int otherExit = Main.run(environment, new PrintWriter(ignored), new PrintWriter(ignored), other);
            assertEquals(0, otherExit, "meanwhile: " + meanwhile + "\n" + ignored);
        }
        command.join(PATIENCE.toMillis());
        assertTrue(!command.isAlive(), "README.md:" + step.line() + ": `" + step.command() + "` still running after " + PATIENCE
                + "; printed so far:\n" + terminal);
        return new Outcome(lines(terminal.toString()), exit[0]);
    }

    /** A command the README stops with ^C: a process of its own, sent SIGTERM once it printed the lines shown before ^C. */
    private Outcome untilInterrupted(ReadmeTour.Step step, Path dir, Map<String, String> variables, String[] args) throws Exception {
        long before = step.output().stream().takeWhile(e -> !e.interrupt()).filter(e -> !e.anyLines()).count();
        try (BloodbankProcess process = BloodbankProcess.start(dir, variables, args)) {
            List<String> printed = new ArrayList<>();
            for (int i = 0; i < before; i++) printed.add(process.nextLine(PATIENCE));
            int exit = process.terminate(PATIENCE);
            printed.addAll(process.rest());
            return new Outcome(printed, exit);
        }
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        return lines;
    }
}
