package dev.bloodbank.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * RabbitMQ topic matching: words separated by dots, {@code *} matches exactly one word and
 * {@code #} zero or more. Used by the validator, {@code show} and the in-memory test driver, so
 * that all of them route exactly as the broker does.
 */
public final class TopicPattern {

    private TopicPattern() {}

    /**
     * What is wrong with a binding pattern, if anything, worded to follow "pattern 'x' ...".
     * RabbitMQ accepts any string, but an empty word or a wildcard inside a word never matches
     * what its author meant.
     */
    public static Optional<String> problem(String pattern) {
        if (pattern.isEmpty()) return Optional.of("is empty");
        if (pattern.getBytes(StandardCharsets.UTF_8).length > 255)
            return Optional.of("is longer than 255 bytes");
        String[] words = pattern.split("\\.", -1);
        for (String word : words) {
            if (word.isEmpty()) return Optional.of("has an empty word (two dots together, or a dot at an end)");
            if (word.length() > 1 && (word.contains("*") || word.contains("#")))
                return Optional.of("has '" + word + "': '*' and '#' stand for whole words, not parts of one");
            if (word.chars().anyMatch(Character::isWhitespace))
                return Optional.of("has whitespace in '" + word + "'");
        }
        return Optional.empty();
    }

    public static boolean matches(String pattern, String routingKey) {
        return match(words(pattern), 0, words(routingKey), 0);
    }

    /** The words of a pattern or routing key, for matching many against each other without splitting again. */
    static String[] words(String patternOrKey) {
        return patternOrKey.split("\\.", -1);
    }

    static boolean matches(String[] patternWords, String[] keyWords) {
        return match(patternWords, 0, keyWords, 0);
    }

    private static boolean match(String[] p, int pi, String[] k, int ki) {
        while (pi < p.length) {
            String word = p[pi];
            if (word.equals("#")) {
                if (pi == p.length - 1) return true;
                for (int skip = ki; skip <= k.length; skip++) {
                    if (match(p, pi + 1, k, skip)) return true;
                }
                return false;
            }
            if (ki >= k.length) return false;
            if (!word.equals("*") && !word.equals(k[ki])) return false;
            pi++;
            ki++;
        }
        return ki == k.length;
    }
}
