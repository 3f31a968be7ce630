package dev.bloodbank.cli;

import dev.bloodbank.cli.text.Palette;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training run of the launcher's class archive (the JDK's ahead-of-time cache, or its class
 * data sharing archive on older JDKs): the archive holds, parsed, verified and linked, the classes
 * this process loaded, and every later run of the CLI maps them instead of reading them from the
 * jar. A run of one command would train it for that command only; a plan, the slowest command that
 * users time, needs a broker that the launcher cannot count on.
 *
 * <p>So the training runs the commands that need nothing (listing, showing and validating the
 * embedded sample catalog), which exercise the loader, the schemas and the printers for real, and
 * then loads without initialising every class named in {@value #CLASSES}: the classes that
 * {@code plan}, {@code apply}, {@code publish} and the others load against a real broker, listed
 * by {@code bench/startup-classes.sh}. A class of the list that no longer exists is passed over:
 * the archive only misses it, and the run that needs it reads it from the jar.
 */
public final class StartupTraining {

    static final String CLASSES = "startup-classes.txt";

    private StartupTraining() {
    }

    public static void main(String... args) throws IOException {
        Path empty = Files.createTempDirectory("bloodbank-training");
        try {
            Trained trained = train(empty);
            if (trained.failedCommands() > 0) System.exit(1);
        } finally {
            Files.deleteIfExists(empty);
        }
    }

    /** What a training run did: commands that did not exit 0, and the listed classes it loaded or did not find. */
    record Trained(int failedCommands, int loaded, List<String> missing) {
    }

    /** Runs the training in {@code workingDirectory}, which must hold no topology: the commands read the sample catalog. */
    static Trained train(Path workingDirectory) {
        CliEnvironment environment = new CliEnvironment(Map.of(), workingDirectory, Palette.PLAIN);
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int failed = 0;
        for (String[] command : List.of(
                new String[] {"list-events", "-o", "json"},
                new String[] {"list-commands"},
                new String[] {"show", "fireflies.transcript.uploaded"},
                new String[] {"validate"})) {
            if (Main.run(environment, discard, discard, command) != ExitCodes.OK) failed++;
        }
        int loaded = 0;
        List<String> missing = new ArrayList<>();
        ClassLoader loader = StartupTraining.class.getClassLoader();
        for (String name : listedClasses()) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }
        return new Trained(failed, loaded, missing);
    }

    /** The names of {@value #CLASSES}, one a line; blank lines and {@code #} comments left out. */
    static List<String> listedClasses() {
        List<String> names = new ArrayList<>();
        try (InputStream in = StartupTraining.class.getResourceAsStream(CLASSES)) {
            if (in == null) return names;
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) names.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLASSES, e);
        }
        return names;
    }
}
