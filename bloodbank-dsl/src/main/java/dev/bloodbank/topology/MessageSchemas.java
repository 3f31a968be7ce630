package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.InvalidSchemaException;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.schema.SchemaViolation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Compiles the schemas of one topology, inline or from schema files, and checks each message's
 * examples against its schema. A schema file named by several messages is read and compiled once.
 */
final class MessageSchemas {

    /** A compiled schema and the nodes it was written as, to locate example failures. */
    private record Compiled(MessageSchema schema) {}

    private final TopologySource topology;
    private final Problems problems;
    private final Map<Path, Optional<Compiled>> files = new HashMap<>();

    MessageSchemas(TopologySource topology, Problems problems) {
        this.topology = topology;
        this.problems = problems;
    }

    /** The schema written inline under {@code schema:}. */
    Optional<MessageSchema> inline(Node schemaNode, String what, NodeValues values) {
        return compile(schemaNode, "the schema of " + what, values).map(Compiled::schema);
    }

    /** The schema in the file that {@code schemaFile:} names, relative to the topology. */
    Optional<MessageSchema> file(Node pathNode, String what, NodeValues values) {
        Optional<String> relative = values.text(pathNode, "schemaFile of " + what);
        if (relative.isEmpty()) return Optional.empty();
        TopologySource source;
        try {
            source = topology.resolve(relative.get());
        } catch (IllegalArgumentException e) {
            values.error(pathNode, "schemaFile '" + relative.get() + "' " + e.getMessage(),
                    "write the path relative to the directory of the topology file, e.g. schemas/name.json");
            return Optional.empty();
        }
        Path key = source.path();
        Optional<Compiled> cached = files.get(key);
        if (cached == null) {
            cached = YamlReader.read(source, problems, values.locate(pathNode))
                    .flatMap(document -> compile(document.root(), "the schema in " + key, new NodeValues(document, problems)));
            files.put(key, cached);
        }
        return cached.map(Compiled::schema);
    }

    private Optional<Compiled> compile(Node schemaNode, String what, NodeValues values) {
        Optional<JsonNode> json = JsonConversion.convert(schemaNode, what, values);
        if (json.isEmpty()) return Optional.empty();
        if (!json.get().isObject() && !json.get().isBoolean()) {
            values.error(schemaNode, what + " must be a JSON Schema object, not " + NodeValues.describe(schemaNode),
                    "a schema is a mapping such as {type: object, properties: {...}, required: [...]}");
            return Optional.empty();
        }
        if (!SchemaKeywords.inspect(schemaNode, json.get(), what, values)) return Optional.empty();
        try {
            return Optional.of(new Compiled(MessageSchema.compile(json.get())));
        } catch (InvalidSchemaException e) {
            values.error(schemaNode, what + " is not a valid JSON Schema: " + e.getMessage(),
                    "check the keywords and their value types against JSON Schema draft 7 (json-schema.org)");
            return Optional.empty();
        }
    }

    /**
     * The examples, each checked against the schema; a failing one is reported where the failing
     * value is written.
     */
    List<JsonNode> examples(List<Node> exampleNodes, Optional<MessageSchema> schema, String what, NodeValues values) {
        List<JsonNode> examples = new ArrayList<>(exampleNodes.size());
        for (int i = 0; i < exampleNodes.size(); i++) {
            Node exampleNode = exampleNodes.get(i);
            String label = "example " + (i + 1) + " of " + what;
            Optional<JsonNode> example = JsonConversion.convert(exampleNode, label, values);
            if (example.isEmpty()) continue;
            examples.add(example.get());
            if (schema.isEmpty()) continue;
            for (SchemaViolation violation : schema.get().validate(example.get())) {
                String pointer = violation.pointer().startsWith("#") ? violation.pointer().substring(1) : violation.pointer();
                values.error(JsonConversion.locate(exampleNode, pointer),
                        label + " does not match its schema " + (pointer.isEmpty() ? "at the top level" : "at " + pointer) + ": "
                                + violation.message(),
                        "fix the example or the schema; examples document the payload and must be valid");
            }
        }
        return examples;
    }
}
