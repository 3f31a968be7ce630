package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("hostile input ends in a clear error, quickly, without exhausting memory")
class HostileInputTest {

    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        return assertTimeoutPreemptively(QUICKLY, () -> TopologyFiles.headlines(TopologyFiles.validate(dir, yaml)));
    }

    /** The classic billion laughs: nine levels of aliases, 10^9 strings when expanded with ten per level. */
    private static String billionLaughs(int perLevel) {
        StringBuilder yaml = new StringBuilder("apiVersion: bloodbank/v1\nlaughs:\n  - &lol0 \"lol\"\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append("  - &lol").append(level).append(" [");
            for (int i = 0; i < perLevel; i++) yaml.append(i == 0 ? "" : ", ").append("*lol").append(level - 1);
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    @Test
    @DisplayName("a billion-laughs bomb used as an example is refused before it is expanded")
    void refusesABillionLaughsExample() {
        String yaml = billionLaughs(10).replace("laughs:", "bombs:") + """
                events:
                  a.b.created:
                    description: x
                    schema: {type: object}
                    examples: [*lol9]
                """;

        assertEquals(List.of(
                        "2:1: error: unknown field 'bombs' in the topology",
                        "12:5: error: example 1 of event 'a.b.created' expands to more than 100000 values through YAML aliases"),
                problems(yaml));
    }

    @Test
    @DisplayName("a bomb with more aliases than the reader allows is refused while reading")
    void refusesTooManyAliases() {
        // aliases of the scalar at level 0 are not counted: 8 levels of 13 aliases of sequences each
        List<String> problems = problems(billionLaughs(13));

        assertEquals(List.of("12:82: error: the document uses more than 100 aliases (*name) of mappings or sequences"), problems);
    }

    @Test
    void refusesAFileAboveTheSizeLimitBeforeParsingIt() throws IOException {
        Path file = dir.resolve("topology.yaml");
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("apiVersion: bloodbank/v1\nevents:\n");
            String event = "  a.b.created%d: {description: padding padding padding padding padding, schema: {type: object}}\n";
            for (int i = 0; Files.size(file) < 10L * 1024 * 1024 || i < 100_000; i++) {
                out.write(event.formatted(i));
                if (i % 10_000 == 0) out.flush();
            }
        }

        Problem problem = TopologyFiles.only(assertTimeoutPreemptively(QUICKLY, () -> Topology.validate(file)));

        assertEquals(file + ":1:1: error: the file is 10.0 MiB, more than the limit of 8.0 MiB", problem.headline());
    }

    @Test
    @DisplayName("10,000 nested sequences stop at the nesting limit")
    void refusesDeepFlowNesting() {
        String yaml = "apiVersion: bloodbank/v1\nevents:\n  a.b.created:\n    description: x\n    schema: {type: object}\n    examples: "
                + "[".repeat(10_000) + "]".repeat(10_000) + "\n";

        assertEquals(List.of("6:113: error: the document is nested more than 100 levels deep"), problems(yaml));
    }

    @Test
    @DisplayName("10,000 nested mappings stop at the nesting limit")
    void refusesDeepMappingNesting() {
        String yaml = "apiVersion: bloodbank/v1\nx: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n";

        assertEquals(List.of("2:401: error: the document is nested more than 100 levels deep"), problems(yaml));
    }

    @Test
    void refusesAnExampleThatContainsItself() {
        assertEquals(List.of("6:16: error: example 1 of event 'a.b.created' contains itself through a YAML alias"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created:
                            description: x
                            schema: {type: object}
                            examples: [&loop {self: *loop}]
                        """));
    }

    @Test
    void readsNestingWithinTheLimit() {
        String deep = "{a: ".repeat(40) + "1" + "}".repeat(40);

        assertEquals(List.of(), problems("apiVersion: bloodbank/v1\nevents:\n  a.b.created: {description: x, schema: {type: object},"
                + " examples: [" + deep + "]}\n"));
    }
}
