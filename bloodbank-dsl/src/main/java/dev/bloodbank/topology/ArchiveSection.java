package dev.bloodbank.topology;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the {@code archive:} section. Retention is written the way people think of it ({@code 7d},
 * {@code 5GB}); a value the broker would read differently is an error here, not a surprise later.
 */
final class ArchiveSection {

    static final List<String> FIELDS = List.of("enabled", "stream", "maxAge", "maxBytes", "keep");

    private static final Pattern AGE = Pattern.compile("(\\d{1,6})(s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,3})?)\\s*(B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?");
    private static final Duration MIN_AGE = Duration.ofMinutes(1);
    private static final Duration MAX_AGE = Duration.ofDays(3650);
    private static final long MIN_BYTES = 1_000_000;

    private final NodeValues values;

    ArchiveSection(NodeValues values) {
        this.values = values;
    }

    Archive read(Node node) {
        Archive archive = Archive.DEFAULT;
        if (NodeValues.isNull(node)) return archive;
        Map<String, NodeValues.Entry> fields = values.fields(node, "archive", FIELDS).orElse(Map.of());
        NodeValues.Entry enabled = fields.get("enabled");
        if (enabled != null) archive = archive.withEnabled(enabled(enabled.value()).orElse(true));
        NodeValues.Entry stream = fields.get("stream");
        if (stream != null) {
            archive = values.text(stream.value(), "archive.stream")
                    .filter(name -> QueueDeclarations.checkBrokerName(values, stream.value(), name, "archive stream"))
                    .map(archive::withStream).orElse(archive);
        }
        Duration maxAge = Optional.ofNullable(fields.get("maxAge")).flatMap(e -> age(e.value())).orElse(archive.maxAge());
        long maxBytes = Optional.ofNullable(fields.get("maxBytes")).flatMap(e -> size(e.value())).orElse(archive.maxBytes());
        archive = archive.withRetention(maxAge, maxBytes);
        NodeValues.Entry keep = fields.get("keep");
        if (keep != null) archive = keep(keep.value()).map(archive::withKeep).orElse(archive);
        return archive;
    }

    private Optional<Boolean> enabled(Node node) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL))
            return Optional.of(Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT)));
        values.error(node, "archive.enabled must be true or false, not " + NodeValues.describe(node),
                "write 'enabled: false' to have no archive, or leave it out to keep one");
        return Optional.empty();
    }

    private Optional<Duration> age(Node node) {
        String example = "a whole number followed by s, m, h or d, e.g. 7d or 36h";
        Optional<String> text = scalar(node, "archive.maxAge", example);
        if (text.isEmpty()) return Optional.empty();
        Matcher m = AGE.matcher(text.get());
        if (!m.matches()) {
            values.error(node, "archive.maxAge '" + text.get() + "' is not an age",
                    text.get().matches("\\d+") ? "an age needs a unit: " + text.get() + "d? " + example : example);
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration age = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (age.compareTo(MIN_AGE) < 0 || age.compareTo(MAX_AGE) > 0) {
            values.error(node, "archive.maxAge must be from 1m to 3650d, not " + text.get(),
                    "the archive keeps history for replay and trace: hours to weeks is usual");
            return Optional.empty();
        }
        return Optional.of(age);
    }

    private Optional<Long> size(Node node) {
        String example = "a number followed by MB, GB or TB (powers of 1000) or MiB, GiB, TiB (powers of 1024), e.g. 5GB";
        Optional<String> text = scalar(node, "archive.maxBytes", example);
        if (text.isEmpty()) return Optional.empty();
        Matcher m = SIZE.matcher(text.get());
        if (!m.matches()) {
            values.error(node, "archive.maxBytes '" + text.get() + "' is not a size", example);
            return Optional.empty();
        }
        long unit = unitBytes(m.group(2) == null ? "B" : m.group(2));
        long bytes;
        try {
            bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).setScale(0, java.math.RoundingMode.DOWN)
                    .longValueExact();
        } catch (ArithmeticException e) {
            values.error(node, "archive.maxBytes '" + text.get() + "' is too large", example);
            return Optional.empty();
        }
        if (bytes < MIN_BYTES) {
            values.error(node, "archive.maxBytes must be at least 1MB, not " + text.get(),
                    "a stream drops whole segments; a bound below a segment keeps almost nothing. " + example);
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    private static long unitBytes(String unit) {
        return switch (unit) {
            case "B" -> 1L;
            case "kB", "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> 1L << 40;
        };
    }

    private Optional<Archive.Keep> keep(Node node) {
        List<String> valid = Arrays.stream(Archive.Keep.values()).map(Archive.Keep::word).toList();
        Optional<String> text = values.text(node, "archive.keep");
        if (text.isEmpty()) return Optional.empty();
        for (Archive.Keep keep : Archive.Keep.values()) if (keep.word().equals(text.get())) return Optional.of(keep);
        String hint = Suggestions.nearest(text.get(), valid).map(s -> "did you mean '" + s + "'? ").orElse("")
                + "valid values: " + String.join(", ", valid);
        values.error(node, "archive.keep '" + text.get() + "' is not one of " + String.join(", ", valid), hint);
        return Optional.empty();
    }

    private Optional<String> scalar(Node node, String what, String example) {
        if (!(node instanceof ScalarNode scalar) || NodeValues.isNull(node)) {
            values.error(node, what + " must be text such as 7d, not " + NodeValues.describe(node), example);
            return Optional.empty();
        }
        return Optional.of(scalar.getValue().trim());
    }
}
