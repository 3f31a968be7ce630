package dev.bloodbank.topology;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of one document's nodes. Every wrong shape is reported at the node that
 * has it, saying what was expected and what was found; the caller gets an empty result and goes on,
 * so one pass finds every problem.
 */
final class NodeValues {

    /** One entry of a mapping, with the nodes of its key and value for locating problems. */
    record Entry(String key, Node keyNode, Node value) {}

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern LOOSE_DURATION =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|msec|millis|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)",
                    Pattern.CASE_INSENSITIVE);

    private static final Pattern COMPOUND_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final YamlDocument document;
    private final Problems problems;

    NodeValues(YamlDocument document, Problems problems) {
        this.document = document;
        this.problems = problems;
    }

    /** The same document's values, reporting their problems to {@code other}. */
    NodeValues reportingTo(Problems other) {
        return new NodeValues(document, other);
    }

    Location locate(Node node) {
        return document.locate(node);
    }

    void error(Node node, String message, String hint) {
        problems.error(locate(node), message, hint);
    }

    void warning(Node node, String message, String hint) {
        problems.warning(locate(node), message, hint);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /**
     * The entries of a mapping whose keys the user chooses (event keys, service names), in order.
     * Keys that are not scalars and repeated keys are reported; the first of a repeated key is kept.
     * An empty value ({@code events:} with nothing under it) reads as an empty mapping.
     */
    Optional<Map<String, Entry>> entries(Node node, String what) {
        if (isNull(node)) return Optional.of(Map.of());
        if (!(node instanceof MappingNode mapping)) {
            error(node, what + " must be a mapping, not " + describe(node), "write indented 'key: value' lines under it, or {key: value, ...}");
            return Optional.empty();
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                error(keyNode, "a key in " + what + " is " + describe(keyNode) + ", not a name", "keys are plain names");
                continue;
            }
            String key = scalarKey.getValue();
            Entry previous = entries.get(key);
            if (previous != null) {
                Location first = locate(previous.keyNode());
                error(keyNode, "duplicate key '" + key + "' in " + what + " (first declared at line " + first.line() + ")",
                        "YAML keeps only one of them; remove or rename one");
                continue;
            }
            entries.put(key, new Entry(key, keyNode, tuple.getValueNode()));
        }
        return Optional.of(entries);
    }

    /**
     * The fields of a mapping with a fixed set of names. Unknown names are reported with the
     * nearest valid one; the known fields are returned.
     */
    Optional<Map<String, Entry>> fields(Node node, String what, List<String> allowed) {
        Optional<Map<String, Entry>> entries = entries(node, what);
        if (entries.isEmpty()) return entries;
        Map<String, Entry> known = new LinkedHashMap<>();
        for (Entry entry : entries.get().values()) {
            if (allowed.contains(entry.key())) {
                known.put(entry.key(), entry);
            } else {
                error(entry.keyNode(), "unknown field '" + entry.key() + "' in " + what, unknownFieldHint(entry.key(), allowed));
            }
        }
        return Optional.of(known);
    }

    private static String unknownFieldHint(String typed, Collection<String> allowed) {
        String valid = "valid fields: " + String.join(", ", allowed);
        return Suggestions.nearest(typed, allowed).map(s -> "did you mean '" + s + "'? " + valid).orElse(valid);
    }

    /** A non-empty text. Numbers and booleans are taken as written: {@code queue: 42} names queue "42". */
    Optional<String> text(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            error(node, what + " must be text, not " + describe(node),
                    "write it as plain text, quoted if it contains ': ' or starts with a special character");
            return Optional.empty();
        }
        String value = scalar.getValue();
        if (value.isBlank()) {
            error(node, what + " is empty", "give it a value");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    OptionalInt integer(Node node, String what, int min, int max, String hint) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
            String found = describe(node);
            String quoted = node instanceof ScalarNode s && s.getTag().equals(Tag.STR) && s.getValue().trim().matches("-?\\d+")
                    ? "remove the quotes: " + what + " is a number" : hint;
            error(node, what + " must be an integer from " + min + " to " + max + ", not " + found, quoted);
            return OptionalInt.empty();
        }
        long value;
        try {
            value = Long.parseLong(scalar.getValue().replace("_", "").replace("+", ""));
        } catch (NumberFormatException e) {
            error(node, what + " must be a decimal integer from " + min + " to " + max + ", not '" + scalar.getValue() + "'", hint);
            return OptionalInt.empty();
        }
        if (value < min || value > max) {
            error(node, what + " must be from " + min + " to " + max + ", not " + value, hint);
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) value);
    }

    OptionalDouble number(Node node, String what, double min, double max, String hint) {
        if (!(node instanceof ScalarNode scalar) || !(scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
            error(node, what + " must be a number from " + format(min) + " to " + format(max) + ", not " + describe(node), hint);
            return OptionalDouble.empty();
        }
        double value;
        try {
            value = Double.parseDouble(scalar.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            error(node, what + " must be a decimal number, not '" + scalar.getValue() + "'", hint);
            return OptionalDouble.empty();
        }
        if (!(value >= min && value <= max)) {
            error(node, what + " must be from " + format(min) + " to " + format(max) + ", not " + scalar.getValue(), hint);
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value);
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 2m} or {@code 1h}, within the bounds. */
    Optional<Duration> duration(Node node, String what, Duration min, Duration max) {
        String example = "write a whole number followed by ms, s, m or h, e.g. 500ms, 30s, 2m, 1h";
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            error(node, what + " must be a duration, not " + describe(node), example);
            return Optional.empty();
        }
        String value = scalar.getValue().trim();
        Matcher exact = DURATION.matcher(value);
        if (!exact.matches()) {
            error(node, what + " '" + value + "' is not a duration", durationHint(value, example));
            return Optional.empty();
        }
        long amount = Long.parseLong(exact.group(1));
        Duration duration = switch (exact.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            error(node, what + " must be from " + Durations.format(min) + " to " + Durations.format(max)
                    + ", not " + value, "RabbitMQ needs a positive delay, and a day is the longest back-off worth waiting");
            return Optional.empty();
        }
        return Optional.of(duration);
    }

    private static String durationHint(String value, String example) {
        if (value.matches("-?\\d+(\\.\\d+)?")) return "a duration needs a unit: " + value + "s or " + value + "ms? " + example;
        Matcher loose = LOOSE_DURATION.matcher(value);
        if (loose.matches()) return rewritten(new BigDecimal(loose.group(1)).multiply(unitMillis(loose.group(2))), example);
        Matcher compound = COMPOUND_DURATION.matcher(value);
        if (value.matches("(\\d+(ms|s|m|h))+")) {
            BigDecimal total = BigDecimal.ZERO;
            while (compound.find()) total = total.add(new BigDecimal(compound.group(1)).multiply(unitMillis(compound.group(2))));
            return "a duration has a single unit: " + rewritten(total, example);
        }
        return example;
    }

    /** The same length written the accepted way, when it is a whole number of milliseconds. */
    private static String rewritten(BigDecimal millis, String example) {
        try {
            return "write it as " + Durations.format(Duration.ofMillis(millis.longValueExact()));
        } catch (ArithmeticException e) {
            return example;
        }
    }

    private static BigDecimal unitMillis(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        long millis = u.startsWith("ms") || u.startsWith("mil") ? 1
                : u.startsWith("s") ? 1_000
                : u.startsWith("m") ? 60_000
                : u.startsWith("h") ? 3_600_000
                : 86_400_000;
        return BigDecimal.valueOf(millis);
    }

    /** The elements of a list; an empty value reads as an empty list. */
    Optional<List<Node>> sequence(Node node, String what) {
        if (isNull(node)) return Optional.of(List.of());
        if (!(node instanceof SequenceNode sequence)) {
            error(node, what + " must be a list, not " + describe(node), "write '[a, b]' or one '- item' per line");
            return Optional.empty();
        }
        return Optional.of(new ArrayList<>(sequence.getValue()));
    }

    /** How a node reads to a user: "the string \"ten\"", "a list", ... */
    static String describe(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) return "an empty value";
        if (tag.equals(Tag.INT)) return "the integer " + scalar.getValue();
        if (tag.equals(Tag.FLOAT)) return "the number " + scalar.getValue();
        if (tag.equals(Tag.BOOL)) return "the boolean " + scalar.getValue();
        return "the string \"" + scalar.getValue() + "\"";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
