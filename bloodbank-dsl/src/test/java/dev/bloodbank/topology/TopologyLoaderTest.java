package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TopologyLoaderTest {

    @Test
    void smoke() {
        ValidationReport report = Topology.validate(Path.of("src/test/resources/topologies/valid/topology.yaml"));
        report.problems().forEach(System.out::println);
        assertTrue(report.isValid());
        Topology t = report.orThrow();
        System.out.println(t);
    }
}
