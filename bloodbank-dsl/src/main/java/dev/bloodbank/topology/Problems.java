package dev.bloodbank.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** Collects the problems of one load, so that a user sees all of them at once. */
final class Problems {

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    private final List<Problem> problems = new ArrayList<>();
    private boolean hasErrors;

    void error(Location location, String message, String hint) {
        problems.add(Problem.error(location, oneLine(message), oneLine(hint)));
        hasErrors = true;
    }

    void warning(Location location, String message, String hint) {
        problems.add(Problem.warning(location, oneLine(message), oneLine(hint)));
    }

    /** A problem is one line, as editors and CI annotators read it; library messages may span several. */
    private static String oneLine(String text) {
        return text == null ? null : LINE_BREAKS.matcher(text.strip()).replaceAll(" ");
    }

    boolean hasErrors() {
        return hasErrors;
    }

    /**
     * In reading order: the topology file first, line by line, then each schema file. Problems at
     * the same place keep the order they were found in.
     */
    List<Problem> sorted(Path topologyFile) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.<Problem>comparingInt(p -> p.location().file().equals(topologyFile) ? 0 : 1)
                .thenComparing(p -> p.location().file().toString())
                .thenComparingInt(p -> p.location().line())
                .thenComparingInt(p -> p.location().column()));
        return List.copyOf(sorted);
    }
}
