package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopologySourceTest {

    private static final ClassLoader LOADER = TopologySourceTest.class.getClassLoader();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "topology.yaml,               schemas/a.json,    classpath:schemas/a.json",
            "bloodbank/topology.yaml,     schemas/a.json,    classpath:bloodbank/schemas/a.json",
            "bloodbank/topology.yaml,     ./schemas/a.json,  classpath:bloodbank/schemas/a.json",
            "bloodbank/topology.yaml,     ../shared/a.json,  classpath:shared/a.json",
            "/bloodbank//topology.yaml,   a.json,            classpath:bloodbank/a.json"})
    void resolvesClasspathSchemaFilesBesideTheTopology(String topology, String relative, String resolved) {
        assertEquals(Path.of(resolved), TopologySource.classpath(topology, LOADER).resolve(relative).path());
    }

    @Test
    void refusesToLeaveTheClasspathRoot() {
        TopologySource source = TopologySource.classpath("bloodbank/topology.yaml", LOADER);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> source.resolve("../../etc/a.json"));

        assertEquals("leaves the root of the classpath (bloodbank/../../etc/a.json)", e.getMessage());
    }

    @Test
    void reportsASchemaFileOutsideTheClasspathRootAtItsName() {
        Problem problem = TopologyFiles.only(Topology.validate(
                TopologySource.classpath("topologies/escaping/topology.yaml", LOADER)));

        assertEquals("classpath:topologies/escaping/topology.yaml:3:45: error: schemaFile '../../../outside.json' leaves the"
                + " root of the classpath (topologies/escaping/../../../outside.json)", problem.headline());
    }

    @Test
    void resolvesFileSchemaFilesBesideTheTopology() {
        TopologySource source = TopologySource.file(dir.resolve("topology.yaml"));

        assertEquals(dir.resolve("schemas/a.json"), source.resolve("schemas/./a.json").path());
        assertEquals(dir.getParent().resolve("shared/a.json"), source.resolve("../shared/a.json").path());
        assertEquals(Path.of("schemas/a.json"), TopologySource.file(Path.of("topology.yaml")).resolve("schemas/a.json").path());
    }

    @Test
    void readsAClasspathResourceAndRefusesOneAboveTheLimit() throws IOException {
        TopologySource source = TopologySource.classpath("topologies/missing-schema/topology.yaml", LOADER);

        assertArrayEquals("apiVersion".getBytes(StandardCharsets.UTF_8), java.util.Arrays.copyOf(source.read(10_000), 10));
        TopologySource.SourceTooLargeException tooLarge =
                assertThrows(TopologySource.SourceTooLargeException.class, () -> source.read(10));
        assertEquals(11, tooLarge.size());
        assertThrows(NoSuchFileException.class, () -> TopologySource.classpath("nowhere.yaml", LOADER).read(10));
    }

    @Test
    void namesTheTopologyAClasspathSourceCameFrom() {
        Topology topology = Topology.load(TopologySource.classpath("topologies/valid/topology.yaml", LOADER));

        assertEquals(List.of("bloodbank.sub.transcript-processor", "candystore.archive"),
                topology.subscribersOf("fireflies.transcript.uploaded").stream().map(s -> s.queue().queue()).toList());
        assertEquals(Path.of("classpath:topologies/valid/topology.yaml"), topology.event("llm.call.completed").orElseThrow().location().file());
    }
}
