package dev.bloodbank.topology;

/**
 * RabbitMQ topic matching: words separated by dots, {@code *} matches exactly one word and
 * {@code #} zero or more. Used by the validator, {@code show} and the in-memory test driver, so
 * that all of them route exactly as the broker does.
 */
public final class TopicPattern {

    private TopicPattern() {}

    public static boolean matches(String pattern, String routingKey) {
        return match(pattern.split("\\.", -1), 0, routingKey.split("\\.", -1), 0);
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
