package dev.bloodbank.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.TopologyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("regeneration is incremental and its output stable")
class RegenerationTest {

    private static final String PACKAGE = "com.example.bus";
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);
    private static final String TOPOLOGY = """
            apiVersion: bloodbank/v1
            events:
              shop.order.placed:
                description: An order was placed.
                schemaFile: schemas/order-placed.json
              shop.order.shipped:
                description: An order left the warehouse.
                schema: {type: object, properties: {order_id: {type: string}}}
            """;

    @TempDir
    Path dir;

    private Path topology;
    private Path schema;
    private Path out;

    @BeforeEach
    void writeTopology() throws IOException {
        topology = Files.writeString(dir.resolve("topology.yaml"), TOPOLOGY);
        schema = Files.writeString(Files.createDirectories(dir.resolve("schemas")).resolve("order-placed.json"),
                "{\"type\": \"object\", \"properties\": {\"order_id\": {\"type\": \"string\"}}}");
        out = dir.resolve("generated");
    }

    @Test
    void theSameTopologyGivesTheSameBytes() {
        GeneratedSources first = CodeGenerator.forPackage(PACKAGE).generate(Topology.load(Path.of("../topology.yaml")));
        GeneratedSources second = CodeGenerator.forPackage(PACKAGE).generate(Topology.load(Path.of("../topology.yaml")));
        assertEquals(first.files().keySet(), second.files().keySet());
        for (String path : first.files().keySet()) assertArrayEquals(first.bytes(path), second.bytes(path), path);

        Regeneration.run(topology, out, PACKAGE);
        Map<String, byte[]> written = contents(out);
        Regeneration.run(topology, dir.resolve("again"), PACKAGE);
        Map<String, byte[]> again = contents(dir.resolve("again"));
        assertEquals(written.keySet(), again.keySet());
        for (String path : written.keySet()) assertArrayEquals(written.get(path), again.get(path), path);
    }

    @Test
    void nothingIsRewrittenWhenNothingChanged() throws IOException {
        assertEquals(new Regeneration.Result(false, 4, 0, 0), Regeneration.run(topology, out, PACKAGE));
        age(out);
        Files.setLastModifiedTime(topology, FileTime.fromMillis(System.currentTimeMillis()));  // touched, not changed

        Regeneration.Result second = Regeneration.run(topology, out, PACKAGE);

        assertTrue(second.upToDate(), second::toString);
        assertUntouched(out);
    }

    @Test
    void aChangedSchemaFileRewritesOnlyWhatItChanges() throws IOException {
        Regeneration.run(topology, out, PACKAGE);
        age(out);
        Files.writeString(schema, "{\"type\": \"object\", \"properties\": {\"order_id\": {\"type\": \"integer\"}}}");

        Regeneration.Result result = Regeneration.run(topology, out, PACKAGE);

        assertEquals(new Regeneration.Result(false, 1, 3, 0), result);
        Path changed = out.resolve("com/example/bus/shop/OrderPlaced.java");
        assertTrue(Files.readString(changed).contains("Long orderId"));
        assertFalse(Files.getLastModifiedTime(changed).equals(LONG_AGO));
        assertEquals(LONG_AGO, Files.getLastModifiedTime(out.resolve("com/example/bus/Events.java")));
    }

    @Test
    void aRemovedEventLosesItsRecord() throws IOException {
        Regeneration.run(topology, out, PACKAGE);
        Files.writeString(topology, TOPOLOGY.substring(0, TOPOLOGY.indexOf("  shop.order.shipped")));

        Regeneration.Result result = Regeneration.run(topology, out, PACKAGE);

        assertEquals(1, result.deleted(), result::toString);
        assertFalse(Files.exists(out.resolve("com/example/bus/shop/OrderShipped.java")));
        assertTrue(Files.exists(out.resolve("com/example/bus/shop/OrderPlaced.java")));
    }

    @Test
    void aDeletedOutputFileIsWrittenAgain() throws IOException {
        Regeneration.run(topology, out, PACKAGE);
        Files.delete(out.resolve("com/example/bus/Events.java"));

        assertEquals(new Regeneration.Result(false, 1, 3, 0), Regeneration.run(topology, out, PACKAGE));
    }

    @Test
    void aBrokenTopologyIsReportedWithItsLocation() throws IOException {
        Files.writeString(topology, TOPOLOGY.replace("schemas/order-placed.json", "schemas/missing.json"));

        TopologyException thrown = assertThrows(TopologyException.class, () -> Regeneration.run(topology, out, PACKAGE));

        assertTrue(thrown.getMessage().startsWith(topology + ":5:"), thrown::getMessage);
        assertFalse(Files.exists(out));
    }

    private static void age(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) Files.setLastModifiedTime(file, LONG_AGO);
        }
    }

    private static void assertUntouched(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList())
                assertEquals(LONG_AGO, Files.getLastModifiedTime(file), file.toString());
        }
    }

    private static Map<String, byte[]> contents(Path root) {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList())
                contents.put(root.relativize(file).toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return contents;
    }
}
