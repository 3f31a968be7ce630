package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

@DisplayName("composed documents kept on disk")
class ComposeCacheTest {

    @TempDir
    Path dir;

    @AfterEach
    void off() {
        ComposeCache.off();
    }

    /** Every YAML and JSON text the project holds, and the two that the scale tests load. */
    private static List<String> texts() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path root : List.of(Path.of("src/test/resources/topologies"), Path.of("../schemas"), Path.of("src/test/resources/asyncapi")))
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)")).toList()) texts.add(Files.readString(f));
            }
        texts.add(Files.readString(Path.of("../topology.yaml")));
        texts.add(LargeTopologyTest.generate());
        texts.add("""
                base: &base {retry: {attempts: 3}, prefetch: 10}
                worker:
                  <<: *base
                  prefetch: 20
                shared: [*base, *base]
                loop: &loop [1, *loop]
                tagged: !!str 42
                styles: ['single', "double \\u00e9"]
                literal: |
                  literal
                  block
                folded: >
                  folded
                  text
                empty:
                unicode: "🐇 ünïcode"
                numbers: [1, -2.5e3, 0x1F, .inf, ~, true, 2026-12-07]
                """);
        return texts;
    }

    private static Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMergeOnCompose(true);
        options.setMaxAliasesForCollections(100);
        return new Yaml(options).compose(new java.io.StringReader(text));
    }

    @Test
    void everyNodeComesBackWithItsTagValueStylesPositionsAndSharing() throws IOException {
        List<String> texts = texts();
        assertTrue(texts.size() > 20, "texts: " + texts.size());
        for (String text : texts) {
            Node composed = compose(text);
            Node read = ComposedNodes.read(ComposedNodes.write(composed));
            assertSameTree(composed, read, new IdentityHashMap<>(), "$");
        }
    }

    @Test
    void aliasesStaySharedAndARecursiveOneStaysACycle() {
        Node root = ComposedNodes.read(ComposedNodes.write(compose("a: &x {k: v}\nb: *x\nloop: &l [*l]\n")));
        List<org.yaml.snakeyaml.nodes.NodeTuple> entries = ((MappingNode) root).getValue();
        assertSame(entries.get(0).getValueNode(), entries.get(1).getValueNode());
        SequenceNode loop = (SequenceNode) entries.get(2).getValueNode();
        assertSame(loop, loop.getValue().get(0));
        assertEquals("x", entries.get(0).getValueNode().getAnchor());
    }

    @Test
    void bytesThatAreNotATreeAreRefused() {
        byte[] bytes = ComposedNodes.write(compose("a: [1, 2, 3]\n"));
        assertThrows(IllegalArgumentException.class, () -> ComposedNodes.read(java.util.Arrays.copyOf(bytes, bytes.length - 3)));
        assertThrows(IllegalArgumentException.class, () -> ComposedNodes.read(java.util.Arrays.copyOf(bytes, bytes.length + 1)));
        assertThrows(IllegalArgumentException.class, () -> ComposedNodes.read(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 9}));
        // counts far beyond the bytes there are: refused before anything that size is allocated
        assertThrows(IllegalArgumentException.class, () -> ComposedNodes.read(new byte[] {0x7f, -1, -1, -1, 0, 0, 0, 0}));
        // a chain of sequences far deeper than a composed document may be: refused, not a stack overflow
        int depth = 200_000;
        java.nio.ByteBuffer deep = java.nio.ByteBuffer.allocate(12 + depth * 38).putInt(1).putInt(0).putInt(depth);
        for (int i = 0; i < depth; i++) {
            deep.put((byte) 1).putInt(0).putInt(-1);           // a sequence, tag "", no anchor
            for (int m = 0; m < 6; m++) deep.putInt(-1);       // no marks
            deep.put((byte) 0).putInt(i < depth - 1 ? 1 : 0);  // one item: the next sequence
        }
        assertThrows(IllegalArgumentException.class, () -> ComposedNodes.read(deep.array()));
    }

    @Test
    @DisplayName("a topology loads from the cache as it does without it: the same model, the same located problems")
    void loadingFromTheCacheGivesWhatComposingGives() throws IOException {
        Path large = TopologyFiles.write(dir, "large/topology.yaml", LargeTopologyTest.generate());
        Path invalid = TopologyFiles.write(dir, "invalid/topology.yaml", """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schema: {type: object}, examples: [{n: 1}]}
                  Bad.Name: {description: y, schema: {type: strin}}
                subscriptions:
                  svc: {events: [a.b.nope]}
                """);
        List<Path> files = List.of(Path.of("../topology.yaml"), Path.of("src/test/resources/topologies/valid/topology.yaml"),
                Path.of("src/test/resources/topologies/pydantic/topology-bad-example.yaml"), large, invalid);
        Map<Path, List<String>> composed = new java.util.HashMap<>();
        Map<Path, String> models = new java.util.HashMap<>();
        for (Path f : files) {
            composed.put(f, TopologyFiles.headlines(Topology.validate(f)));
            models.put(f, model(f));
        }
        Path cache = dir.resolve("cache");
        ComposeCache.useDirectory(cache);
        for (int pass = 1; pass <= 2; pass++) {   // the first pass writes the documents, the second only reads them
            int missed = ComposeCache.active().misses();
            int hit = ComposeCache.active().hits();
            for (Path f : files) {
                assertEquals(composed.get(f), TopologyFiles.headlines(Topology.validate(f)), f + ", pass " + pass);
                assertEquals(models.get(f), model(f), f + ", pass " + pass);
            }
            if (pass == 2) {
                assertEquals(missed, ComposeCache.active().misses(), "the second pass composed nothing");
                assertTrue(ComposeCache.active().hits() - hit >= 2 * files.size(), "each file was read from the cache twice");
            }
        }
        assertFalse(composed.get(invalid).isEmpty(), "the invalid topology has located problems");
    }

    /** What a loaded topology holds, as text: every message's key, location, schema and examples. */
    private static String model(Path file) {
        ValidationReport report = Topology.validate(file);
        if (report.topology().isEmpty()) return "invalid";
        StringBuilder s = new StringBuilder();
        for (MessageDefinition m : report.topology().get().messages())
            s.append(m.key()).append(' ').append(m.location()).append(' ').append(m.schema().document()).append(' ')
                    .append(m.examples()).append('\n');
        report.topology().get().subscriptions().forEach((name, sub) -> s.append(name).append(' ').append(sub).append('\n'));
        return s.toString();
    }

    @Test
    void aDamagedDocumentIsComposedAgainAndReplaced() throws IOException {
        Path topology = Path.of("../topology.yaml");
        List<String> expected = TopologyFiles.headlines(Topology.validate(topology));
        Path cache = dir.resolve("cache");
        ComposeCache.useDirectory(cache);
        Topology.validate(topology);
        List<Path> documents;
        try (Stream<Path> files = Files.list(cache)) {
            documents = files.filter(f -> f.toString().endsWith(".nodes")).toList();
        }
        assertFalse(documents.isEmpty());
        for (Path d : documents) {
            byte[] bytes = Files.readAllBytes(d);
            Files.write(d, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        }
        assertEquals(expected, TopologyFiles.headlines(Topology.validate(topology)));
        assertEquals(0, ComposeCache.active().hits(), "no damaged document was used");
        assertEquals(expected, TopologyFiles.headlines(Topology.validate(topology)));
        assertTrue(ComposeCache.active().hits() > 0, "the documents were written again and read");
    }

    @Test
    void aDirectoryThatCannotBeWrittenOnlyCostsTheComposing() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        ComposeCache.useDirectory(notADirectory);
        assertTrue(Topology.validate(Path.of("../topology.yaml")).isValid());
        assertTrue(Topology.validate(Path.of("../topology.yaml")).isValid());
        assertEquals(0, ComposeCache.active().hits());
    }

    @Test
    void onlyTheMostRecentlyUsedDocumentsAreKept() throws IOException {
        Path cache = dir.resolve("cache");
        ComposeCache.useDirectory(cache);
        for (int i = 0; i < ComposeCache.KEEP + 5; i++) {
            Path f = TopologyFiles.write(dir, "t" + i + "/topology.yaml", "apiVersion: bloodbank/v1\n# " + i + "\n" + TopologyFiles.ONE_EVENT);
            assertTrue(Topology.validate(f).isValid());
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(ComposeCache.KEEP, files.filter(f -> f.toString().endsWith(".nodes")).count());
        }
    }

    private static void assertSameTree(Node expected, Node actual, Map<Node, Node> seen, String path) {
        Node before = seen.get(expected);
        if (before != null) {
            assertSame(before, actual, path + ": a shared node is shared");
            return;
        }
        seen.put(expected, actual);
        assertEquals(expected.getClass(), actual.getClass(), path);
        assertEquals(expected.getTag(), actual.getTag(), path);
        assertEquals(expected.getAnchor(), actual.getAnchor(), path);
        assertSameMark(expected.getStartMark(), actual.getStartMark(), path + " start");
        assertSameMark(expected.getEndMark(), actual.getEndMark(), path + " end");
        if (expected instanceof ScalarNode s) {
            assertEquals(s.getValue(), ((ScalarNode) actual).getValue(), path);
            assertEquals(s.getScalarStyle(), ((ScalarNode) actual).getScalarStyle(), path);
        } else if (expected instanceof SequenceNode s) {
            SequenceNode a = (SequenceNode) actual;
            assertEquals(s.getFlowStyle(), a.getFlowStyle(), path);
            assertEquals(s.getValue().size(), a.getValue().size(), path);
            for (int i = 0; i < s.getValue().size(); i++) assertSameTree(s.getValue().get(i), a.getValue().get(i), seen, path + "[" + i + "]");
        } else {
            MappingNode m = (MappingNode) expected;
            MappingNode a = (MappingNode) actual;
            assertEquals(m.getFlowStyle(), a.getFlowStyle(), path);
            assertEquals(m.isMerged(), a.isMerged(), path);
            assertEquals(m.getValue().size(), a.getValue().size(), path);
            for (int i = 0; i < m.getValue().size(); i++) {
                assertSameTree(m.getValue().get(i).getKeyNode(), a.getValue().get(i).getKeyNode(), seen, path + ".key" + i);
                assertSameTree(m.getValue().get(i).getValueNode(), a.getValue().get(i).getValueNode(), seen, path + ".value" + i);
            }
        }
    }

    private static void assertSameMark(Mark expected, Mark actual, String path) {
        if (expected == null) {
            assertEquals(null, actual, path);
            return;
        }
        assertNotNull(actual, path);
        assertEquals(List.of(expected.getIndex(), expected.getLine(), expected.getColumn()),
                List.of(actual.getIndex(), actual.getLine(), actual.getColumn()), path);
    }
}
