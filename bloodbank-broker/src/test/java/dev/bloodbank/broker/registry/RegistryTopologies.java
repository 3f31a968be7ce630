package dev.bloodbank.broker.registry;

import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.TopologySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Topology files with one event, written as people write them, so the loader fills in modes and schemas. */
final class RegistryTopologies {

    static final String MERGED = "github.pull-request.merged";

    /** Version 1: a number and a title. */
    static final String V1 = "{\"type\": \"object\", \"required\": [\"number\"], \"properties\": {\"number\": {\"type\": \"integer\"},"
            + " \"title\": {\"type\": \"string\"}}}";
    /** V1 reformatted, keys reordered and a description added: the same schema. */
    static final String V1_REFORMATTED = "{\"properties\": {\"title\": {\"type\": \"string\", \"description\": \"the title\"},"
            + "\n      \"number\": {\"type\": \"integer\"}},\n    \"required\": [\"number\"], \"type\": \"object\"}";
    /** V1 with number widened from integer: compatible under BACKWARD. */
    static final String V2_COMPATIBLE = "{\"type\": \"object\", \"required\": [\"number\"], \"properties\": {\"number\": {\"type\": \"number\"},"
            + " \"title\": {\"type\": \"string\"}}}";
    /** A new required property without a default: breaks BACKWARD. */
    static final String V2_BREAKING = "{\"type\": \"object\", \"required\": [\"number\", \"author\"], \"properties\": {\"number\": {\"type\": \"integer\"},"
            + " \"title\": {\"type\": \"string\"}, \"author\": {\"type\": \"string\"}}}";

    private RegistryTopologies() {}

    static Path write(Path dir, String name, String schema, String mode) {
        String yaml = """
                apiVersion: bloodbank/v1
                events:
                  %s:
                    description: A pull request was merged.
                    compatibility: %s
                    schema: %s
                subscriptions:
                  reviewer:
                    events: ["%s"]
                """.formatted(MERGED, mode, schema.replace("\n", "\n    "), MERGED);
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Topology load(Path file) {
        return Topology.load(file);
    }

    static TopologyOrigin origin(Path file) {
        return TopologyOrigin.of(TopologySource.file(file));
    }
}
