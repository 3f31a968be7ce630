package dev.bloodbank.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The keys a mistyped key probably meant: those within a few edits of it or starting like it,
 * else those sharing two of its three segments ({@code agent.task.done} suggests the other {@code agent.task.*} keys).
 */
final class Suggestions {

    private Suggestions() {}

    static List<String> nearest(String wanted, Collection<String> candidates, int limit) {
        // A typo costs a few edits wherever it is, so the allowance grows slowly with length;
        // very short words get one edit, or everything would be near them.
        int allowedEdits = wanted.length() < 5 ? 1 : Math.max(3, wanted.length() / 8);
        Comparator<String> nearestFirst =
                Comparator.comparingInt((String key) -> editDistance(wanted, key)).thenComparing(key -> key);
        List<String> close = candidates.stream()
                .filter(key -> editDistance(wanted, key) <= allowedEdits || isAbbreviation(wanted, key))
                .sorted(nearestFirst)
                .limit(limit)
                .toList();
        if (!close.isEmpty()) return close;
        return candidates.stream()
                .filter(key -> sharedSegments(wanted, key) >= 2)
                .sorted(nearestFirst)
                .limit(limit)
                .toList();
    }

    /** {@code firefly} for {@code fireflies}: one is the start of the other. */
    private static boolean isAbbreviation(String wanted, String key) {
        return wanted.length() >= 3 && (key.startsWith(wanted) || wanted.startsWith(key) && key.length() >= 3);
    }

    /** Segments equal at the same position. */
    static int sharedSegments(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int shared = 0;
        for (int i = 0; i < Math.min(x.length, y.length); i++) if (x[i].equals(y[i])) shared++;
        return shared;
    }

    static int editDistance(String a, String b) {
        return dev.bloodbank.topology.Suggestions.distance(a, b);
    }
}
