package dev.bloodbank.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds what a user probably meant: the known names closest to a misspelt one. The one edit
 * distance of the project: the validator, the DSL's wiring checks and the CLI all suggest with it.
 */
public final class Suggestions {

    private Suggestions() {}

    /** The closest candidate, if it is close enough to be a plausible typo. */
    public static Optional<String> nearest(String typed, Collection<String> candidates) {
        List<String> nearest = nearest(typed, candidates, 1);
        return nearest.isEmpty() ? Optional.empty() : Optional.of(nearest.get(0));
    }

    /** Up to {@code max} plausible candidates, closest first (ties in the candidates' order). */
    public static List<String> nearest(String typed, Collection<String> candidates, int max) {
        String needle = typed.toLowerCase(Locale.ROOT);
        int threshold = Math.max(2, needle.length() / 3);
        record Scored(String candidate, int distance, int order) {}
        List<Scored> scored = new ArrayList<>();
        int order = 0;
        for (String candidate : candidates) {
            int distance = distance(needle, candidate.toLowerCase(Locale.ROOT));
            if (distance <= threshold) scored.add(new Scored(candidate, distance, order));
            order++;
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::order));
        return scored.stream().limit(max).map(Scored::candidate).toList();
    }

    /** Levenshtein distance, with a transposition of neighbours counting as one edit (Damerau, restricted). */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
        return d[a.length()][b.length()];
    }
}
