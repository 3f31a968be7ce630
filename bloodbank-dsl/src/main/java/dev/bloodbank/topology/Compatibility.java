package dev.bloodbank.topology;

import dev.bloodbank.schema.compat.CompatibilityMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a {@code compatibility:} setting, in {@code defaults} or on one event or command. */
final class Compatibility {

    private static final List<String> MODES = Arrays.stream(CompatibilityMode.values()).map(Enum::name).toList();

    private Compatibility() {}

    static Optional<CompatibilityMode> mode(NodeValues values, Node node, String what) {
        Optional<String> text = values.text(node, what);
        if (text.isEmpty()) return Optional.empty();
        String written = text.get();
        if (MODES.contains(written)) return Optional.of(CompatibilityMode.valueOf(written));
        String valid = "valid modes: " + String.join(", ", MODES);
        // 'backward' is plainly meant as BACKWARD, and the nearest by spelling may be another mode
        String upper = written.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        Optional<String> meant = MODES.contains(upper) ? Optional.of(upper) : Suggestions.nearest(upper, MODES);
        values.error(node, what + " is '" + written + "', not a compatibility mode",
                meant.map(m -> "did you mean '" + m + "'? " + valid).orElse(valid));
        return Optional.empty();
    }
}
