package dev.bloodbank.schema.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of docs/schema-evolution.md, row by row: the documentation is the test's data, so the
 * two cannot drift apart.
 */
class SchemaCompatibilityTableTest {

    private static final Path DOC = Path.of("..", "docs", "schema-evolution.md");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(String rule, String pointer, JsonNode old, JsonNode now, CompatibilityMode mode, boolean compatible) {
        @Override
        public String toString() {
            return rule + " at " + pointer + " under " + mode + ": " + old + " -> " + now + " is " + (compatible ? "compatible" : "incompatible");
        }
    }

    static List<Row> rows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(DOC);
        } catch (IOException e) {
            throw new UncheckedIOException("the table lives in " + DOC.toAbsolutePath(), e);
        }
        int start = lines.indexOf("<!-- compatibility-table:start -->");
        int end = lines.indexOf("<!-- compatibility-table:end -->");
        assertTrue(start >= 0 && end > start, "markers of the table in " + DOC);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 3, end)) {
            String[] cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                    .map(cell -> cell.trim().replace("`", "")).toArray(String[]::new);
            assertEquals(6, cells.length, line);
            rows.add(new Row(cells[0], cells[1], json(cells[2]), json(cells[3]), CompatibilityMode.valueOf(cells[4]),
                    switch (cells[5]) {
                        case "compatible" -> true;
                        case "incompatible" -> false;
                        default -> throw new IllegalArgumentException("verdict " + cells[5] + " in " + line);
                    }));
        }
        return rows;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    static Stream<Row> table() {
        return rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    @DisplayName("each row of the documented table holds")
    void row(Row row) {
        List<Change> changes = SchemaDiff.between(row.old(), row.now());
        List<Incompatibility> broken = CompatibilityChecker.check("shop.order.placed", List.of(row.old()), row.now(), row.mode());
        assertEquals(row.compatible(), broken.isEmpty(), () -> row + "\nchanges: " + changes + "\nincompatibilities: " + broken);
        if (row.rule().equals("—")) {
            assertTrue(changes.isEmpty(), () -> "no change expected, found " + changes);
            return;
        }
        Rule rule = Rule.valueOf(row.rule());
        assertTrue(changes.contains(changeLike(changes, rule, row.pointer())),
                () -> "expected " + rule + " at " + row.pointer() + ", found " + changes);
        if (!row.compatible()) {
            assertTrue(broken.stream().anyMatch(i -> i.rule() == rule && i.pointer().equals(row.pointer())),
                    () -> "the verdict comes from " + rule + ": " + broken);
        }
    }

    private static Change changeLike(List<Change> changes, Rule rule, String pointer) {
        return changes.stream().filter(c -> c.rule() == rule && c.pointer().equals(pointer)).findFirst().orElse(null);
    }

    @Test
    void everyRuleHasARowInTheTable() {
        Set<String> covered = rows().stream().map(Row::rule).collect(Collectors.toSet());
        EnumSet<Rule> missing = EnumSet.noneOf(Rule.class);
        for (Rule rule : Rule.values()) if (!covered.contains(rule.name())) missing.add(rule);
        assertTrue(missing.isEmpty(), "rules without a row in " + DOC + ": " + missing);
    }

    @Test
    void everyBreakingRuleSaysHowToMakeTheChangeCompatible() {
        for (Rule rule : Rule.values())
            for (Direction direction : Direction.values())
                if (rule.breaks(direction)) assertFalse(rule.hint(direction).isBlank(), rule + " " + direction);
    }

    @Test
    void anIncompatibilityNamesTheKeyRuleDirectionPointerAndHint() {
        JsonNode old = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":false}");
        JsonNode now = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"lang\":{\"type\":\"string\"}},"
                + "\"required\":[\"lang\"],\"additionalProperties\":false}");

        List<Incompatibility> broken = CompatibilityChecker.check("fireflies.transcript.uploaded", List.of(old), now, CompatibilityMode.FULL);

        assertEquals(List.of(
                new Incompatibility("fireflies.transcript.uploaded", Rule.REQUIRED_PROPERTY_ADDED, Direction.BACKWARD, 1, "/required/0",
                        "required property 'lang' added without a default: consumers on the new schema could not read messages"
                                + " written with the old one",
                        "add a \"default\" to the property, or make it optional (leave it out of \"required\")"),
                new Incompatibility("fireflies.transcript.uploaded", Rule.PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL, Direction.FORWARD, 1,
                        "/properties/lang",
                        "property 'lang' added to a closed object: consumers on the old schema could not read messages written"
                                + " with the new one",
                        Rule.PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL.hint(Direction.FORWARD))), broken);
    }

    @Test
    void transitiveBackwardChecksEveryEarlierVersionTheOtherOnlyTheLatest() {
        JsonNode v1 = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":false}");
        JsonNode v2 = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\",\"default\":\"x\"}},"
                + "\"required\":[\"b\"],\"additionalProperties\":false}");
        JsonNode v3 = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}},"
                + "\"required\":[\"b\"],\"additionalProperties\":false}");

        assertEquals(List.of(), CompatibilityChecker.check("k", List.of(v1, v2), v3, CompatibilityMode.BACKWARD));
        List<Incompatibility> transitive = CompatibilityChecker.check("k", List.of(v1, v2), v3, CompatibilityMode.BACKWARD_TRANSITIVE);
        assertEquals(1, transitive.size(), transitive::toString);
        assertEquals(Rule.REQUIRED_PROPERTY_ADDED, transitive.get(0).rule());
        assertEquals(1, transitive.get(0).againstVersion());
    }

    @Test
    void transitiveForwardChecksEveryEarlierVersion() {
        JsonNode v1 = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]}");
        JsonNode v2 = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"default\":\"x\"}},\"required\":[\"a\"]}");
        JsonNode v3 = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"default\":\"x\"}}}");

        assertEquals(List.of(), CompatibilityChecker.check("k", List.of(v1, v2), v3, CompatibilityMode.FORWARD));
        assertEquals(List.of(), CompatibilityChecker.check("k", List.of(v1, v2), v3, CompatibilityMode.FULL));
        List<Incompatibility> transitive = CompatibilityChecker.check("k", List.of(v1, v2), v3, CompatibilityMode.FULL_TRANSITIVE);
        assertEquals(List.of(Rule.REQUIRED_PROPERTY_REMOVED), transitive.stream().map(Incompatibility::rule).toList());
        assertEquals(Direction.FORWARD, transitive.get(0).direction());
        assertEquals(1, CompatibilityChecker.check("k", List.of(v1, v2), v3, CompatibilityMode.FORWARD_TRANSITIVE).size());
    }

    @Test
    void aNewKeyHasNothingToBeCompatibleWith() {
        assertEquals(List.of(), CompatibilityChecker.check("k", List.of(), json("{\"type\":\"string\"}"), CompatibilityMode.FULL_TRANSITIVE));
    }

    @Test
    void aDefinitionReferredToTwiceIsReportedOnce() {
        JsonNode old = json("{\"type\":\"object\",\"properties\":{\"from\":{\"$ref\":\"#/$defs/P\"},\"to\":{\"$ref\":\"#/$defs/P\"}},"
                + "\"$defs\":{\"P\":{\"type\":\"number\"}}}");
        JsonNode now = json("{\"type\":\"object\",\"properties\":{\"from\":{\"$ref\":\"#/$defs/P\"},\"to\":{\"$ref\":\"#/$defs/P\"}},"
                + "\"$defs\":{\"P\":{\"type\":\"integer\"}}}");

        assertEquals(List.of(new Change(Rule.TYPE_NARROWED, "/$defs/P/type", "type changed from number to integer")),
                SchemaDiff.between(old, now));
    }

    @Test
    void canonicalFormIgnoresAnnotationsAndKeyOrderButNotPropertyNames() {
        JsonNode a = json("{\"type\":\"object\",\"title\":\"A\",\"properties\":{\"title\":{\"type\":\"string\",\"description\":\"d\"}}}");
        JsonNode b = json("{\"properties\":{\"title\":{\"type\":\"string\"}},\"type\":\"object\"}");
        assertEquals(CanonicalSchema.of(a), CanonicalSchema.of(b));
        assertTrue(CanonicalSchema.of(a).path("properties").has("title"));
    }
}
