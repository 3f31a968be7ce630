package dev.bloodbank.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds what a user probably meant: the known names closest to a misspelt one. The one closeness
 * rule of the project: the validator, the DSL's wiring checks and the CLI all suggest with it.
 *
 * <p>A candidate is close when it is within a few edits of what was typed (case ignored), or when
 * one is the start of the other ({@code firefly} for {@code fireflies}). When none is close, dotted
 * keys sharing two segments in place are offered instead ({@code agent.task.done} suggests the other
 * {@code agent.task.*} keys). Closest first; ties keep the candidates' order.
 */
public final class Suggestions {

    /** Below this, a prefix says too little to count as an abbreviation. */
    private static final int SHORTEST_ABBREVIATION = 3;

    private Suggestions() {}

    /** The closest candidate, if it is close enough to be a plausible typo. */
    public static Optional<String> nearest(String typed, Collection<String> candidates) {
        return nearest(typed, candidates, 1).stream().findFirst();
    }

    /** Up to {@code max} plausible candidates, closest first (ties in the candidates' order). */
    public static List<String> nearest(String typed, Collection<String> candidates, int max) {
        String needle = typed.toLowerCase(Locale.ROOT);
        int allowed = allowedEdits(needle);
        List<Scored> scored = score(needle, candidates);
        List<String> close = closestFirst(scored.stream()
                .filter(s -> s.distance() <= allowed || isAbbreviation(needle, s.lowerCase())), max);
        if (!close.isEmpty()) return close;
        return closestFirst(scored.stream().filter(s -> sharedSegments(needle, s.lowerCase()) >= 2), max);
    }

    /**
     * A typo costs a few edits wherever it is, so the allowance grows slowly with length (a long
     * dotted key would otherwise be near every sibling); a very short word gets one edit, or
     * everything would be near it.
     */
    static int allowedEdits(String typed) {
        return typed.length() < 5 ? 1 : Math.max(3, typed.length() / 8);
    }

    private record Scored(String candidate, String lowerCase, int distance, int order) {}

    private static List<Scored> score(String needle, Collection<String> candidates) {
        List<Scored> scored = new ArrayList<>(candidates.size());
        int order = 0;
        for (String candidate : candidates) {
            String lower = candidate.toLowerCase(Locale.ROOT);
            scored.add(new Scored(candidate, lower, distance(needle, lower), order++));
        }
        return scored;
    }

    private static List<String> closestFirst(Stream<Scored> scored, int max) {
        return scored.sorted(Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::order))
                .limit(max).map(Scored::candidate).toList();
    }

    private static boolean isAbbreviation(String typed, String candidate) {
        return typed.length() >= SHORTEST_ABBREVIATION
                && (candidate.startsWith(typed) || typed.startsWith(candidate) && candidate.length() >= SHORTEST_ABBREVIATION);
    }

    /** Dot-separated segments equal at the same position. */
    static int sharedSegments(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int shared = 0;
        for (int i = 0; i < Math.min(x.length, y.length); i++) if (x[i].equals(y[i])) shared++;
        return shared;
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
