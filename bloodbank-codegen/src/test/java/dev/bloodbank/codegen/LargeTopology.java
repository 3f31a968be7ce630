package dev.bloodbank.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The large topology of the loader's scale test (bloodbank-dsl's {@code LargeTopologyTest}): 600
 * events and 120 commands, each with its own schema of a dozen fields and an example.
 */
final class LargeTopology {

    private static final String[] DOMAINS = {"fireflies", "llm", "agent", "artifact", "github", "meeting"};
    private static final String[] VERBS = {"created", "updated", "deleted", "completed", "failed"};

    private LargeTopology() {}

    static Path write(Path dir) throws IOException {
        StringBuilder yaml = new StringBuilder("apiVersion: bloodbank/v1\ndefaults: {prefetch: 25}\nevents:\n");
        for (int i = 0; i < 600; i++) {
            String key = DOMAINS[i % DOMAINS.length] + ".entity-" + (i / VERBS.length) + "." + VERBS[i % VERBS.length];
            message(yaml, key, "Entity " + i + " changed.", i);
        }
        yaml.append("commands:\n");
        for (int i = 0; i < 120; i++) {
            message(yaml, DOMAINS[i % DOMAINS.length] + ".job-" + i + ".start", "Start job " + i + ".", 600 + i);
            yaml.append("    worker: {prefetch: 5, retry: {attempts: 3}}\n");
        }
        return Files.writeString(dir.resolve("topology.yaml"), yaml.toString());
    }

    private static void message(StringBuilder yaml, String key, String description, int unique) {
        yaml.append("  ").append(key).append(":\n    description: ").append(description).append("\n    schema:\n")
                .append("      type: object\n      required: [id, name, count]\n      additionalProperties: false\n")
                .append("      properties:\n");
        for (String field : new String[] {"id", "name", "owner", "source", "region", "kind", "status", "note"})
            yaml.append("        ").append(field).append(": {type: string, maxLength: ").append(200 + unique).append("}\n");
        yaml.append("        count: {type: integer, minimum: 0}\n        ratio: {type: number}\n")
                .append("        tags: {type: array, items: {type: string}}\n        done: {type: boolean}\n")
                .append("    examples:\n      - {id: \"1\", name: first, count: 3, tags: [a, b], done: true}\n");
    }
}
