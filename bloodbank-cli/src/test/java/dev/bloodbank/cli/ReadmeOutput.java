package dev.bloodbank.cli;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares what a command printed with what the README shows, line by line, after both are
 * normalized for what differs from run to run (ids, times, rates, ports, the vhost, the host
 * name) and for column alignment. Says which README line differs and how, so whoever changes
 * an output sees what to change in the README.
 */
final class ReadmeOutput {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z");
    private static final Pattern RATE = Pattern.compile("\\b\\d+\\.\\d+\\b");
    /** The dashboard's write token, new at every start. */
    private static final Pattern TOKEN = Pattern.compile("(token[= ]\\s*)[A-Za-z0-9_-]{24,}");
    private static final Pattern PORT = Pattern.compile("localhost:\\d+");
    private static final Pattern HOST = Pattern.compile("([a-z0-9-]+)@[A-Za-z0-9.-]+(?=\\s)");
    private static final Pattern INNER_SPACE = Pattern.compile("(?<=\\S)\\s{2,}(?=\\S)");

    private final String vhost;
    private final String workingDirectory;

    /**
     * {@code vhost}: the test's own, shown in the README as readme-demo; {@code workingDirectory}:
     * where the test runs the commands, which prefixes the paths they print where a user's shell,
     * in its own directory, prints them relative.
     */
    ReadmeOutput(String vhost, String workingDirectory) {
        this.vhost = vhost;
        this.workingDirectory = workingDirectory.endsWith("/") ? workingDirectory : workingDirectory + "/";
    }

    String normalize(String line) {
        String s = line.replace(workingDirectory, "").replace(vhost, "readme-demo");
        s = UUID.matcher(s).replaceAll("<id>");
        s = TIME.matcher(s).replaceAll("<time>");
        s = RATE.matcher(s).replaceAll("<n>");
        s = TOKEN.matcher(s).replaceAll("$1<token>");
        s = PORT.matcher(s).replaceAll("localhost:<port>");
        s = HOST.matcher(s).replaceAll("$1@<host>");
        s = INNER_SPACE.matcher(s).replaceAll(" ");
        return s.stripTrailing();
    }

    /** Empty when {@code actual} is what {@code expected} shows; else what differs, first difference only. */
    Optional<String> difference(List<ReadmeTour.Expected> expected, List<String> actual) {
        int a = 0;
        for (int e = 0; e < expected.size(); e++) {
            ReadmeTour.Expected want = expected.get(e);
            if (want.anyLines()) {
                if (e + 1 == expected.size()) return Optional.empty();
                ReadmeTour.Expected next = expected.get(e + 1);
                int found = indexOf(next, actual, a);
                if (found < 0)
                    return Optional.of("README.md:" + next.line() + " shows (after …)\n    " + next.text()
                            + "\n  which the command did not print at all");
                a = found;
                continue;
            }
            if (a >= actual.size())
                return Optional.of("README.md:" + want.line() + " shows\n    " + want.text() + "\n  but the output ended before it");
            if (!normalize(want.text()).equals(normalize(actual.get(a))))
                return Optional.of("README.md:" + want.line() + " shows\n    " + want.text()
                        + "\n  but the command printed (output line " + (a + 1) + ")\n    " + actual.get(a));
            a++;
        }
        if (a < actual.size())
            return Optional.of("the command printed more than README.md shows"
                    + (expected.isEmpty() ? "" : " after line " + expected.get(expected.size() - 1).line())
                    + " (end the block with … to elide the rest); the next line is\n    " + actual.get(a));
        return Optional.empty();
    }

    private int indexOf(ReadmeTour.Expected want, List<String> actual, int from) {
        String normalized = normalize(want.text());
        for (int i = from; i < actual.size(); i++) if (normalize(actual.get(i)).equals(normalized)) return i;
        return -1;
    }
}
