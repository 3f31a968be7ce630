package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.InvalidSchemaException;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.schema.SchemaViolation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The schemas of one topology, inline or from schema files, and the examples checked against them.
 * Reading a schema (converting it, checking its references and keywords) happens in declaration
 * order; compiling, which dominates the time to load a large topology, happens afterwards for all
 * schemas at once, on every core, or is deferred to each schema's first validation
 * ({@link SchemaChecks#ON_FIRST_USE}). A schema file named by several messages is read once, and
 * equal schema documents are compiled once.
 */
final class MessageSchemas {

    /** Below this many schemas, compiling them one after another is faster than sharing the work out. */
    private static final int PARALLEL_THRESHOLD = 16;
    /** everit starts its messages with the JSON pointer of the offending keyword. */
    private static final Pattern EVERIT_POINTER = Pattern.compile("(#[^:\\s]*): (.*)", Pattern.DOTALL);

    /** A schema that has been read and checked, and is compiled together with all the others. */
    static final class PendingSchema {
        private final JsonNode document;
        private final Node node;
        private final String what;
        private final NodeValues values;
        private MessageSchema compiled;
        private InvalidSchemaException failure;

        private PendingSchema(JsonNode document, Node node, String what, NodeValues values) {
            this.document = document;
            this.node = node;
            this.what = what;
            this.values = values;
        }

        private void compile() {
            try {
                compiled = MessageSchema.compile(document);
            } catch (InvalidSchemaException e) {
                failure = e;
            }
        }

        /**
         * The compiled (or deferred) schema; empty before {@link MessageSchemas#compileAndCheck()} or
         * {@link MessageSchemas#defer()}, or when it does not compile.
         */
        Optional<MessageSchema> schema() {
            return Optional.ofNullable(compiled);
        }
    }

    /** One example, converted, with its 1-based number and its node for locating failures. */
    private record Example(int number, Node node, JsonNode json) {}

    /** The examples of one message, waiting for their schema to be compiled. */
    private record PendingExamples(PendingSchema schema, List<Example> examples, String what, NodeValues values) {}

    private final TopologySource topology;
    private final Problems problems;
    private final Map<Path, Optional<PendingSchema>> files = new HashMap<>();
    private final List<PendingSchema> schemas = new ArrayList<>();
    private final List<PendingExamples> examples = new ArrayList<>();

    MessageSchemas(TopologySource topology, Problems problems) {
        this.topology = topology;
        this.problems = problems;
    }

    /** The schema written inline under {@code schema:}. */
    Optional<PendingSchema> inline(Node schemaNode, String what, NodeValues values) {
        return read(schemaNode, "the schema of " + what, values);
    }

    /** The schema in the file that {@code schemaFile:} names, relative to the topology. */
    Optional<PendingSchema> file(Node pathNode, String what, NodeValues values) {
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
        Optional<PendingSchema> cached = files.get(key);
        if (cached == null) {
            cached = YamlReader.read(source, problems, values.locate(pathNode))
                    .flatMap(document -> read(document.root(), "the schema in " + key, new NodeValues(document, problems)));
            files.put(key, cached);
        }
        return cached;
    }

    private Optional<PendingSchema> read(Node schemaNode, String what, NodeValues values) {
        Optional<JsonNode> json = JsonConversion.convert(schemaNode, what, values);
        if (json.isEmpty()) return Optional.empty();
        if (!json.get().isObject() && !json.get().isBoolean()) {
            values.error(schemaNode, what + " must be a JSON Schema object, not " + NodeValues.describe(schemaNode),
                    "a schema is a mapping such as {type: object, properties: {...}, required: [...]}");
            return Optional.empty();
        }
        if (!SchemaKeywords.inspect(schemaNode, json.get(), what, values)) return Optional.empty();
        Optional<String> loop = ReferenceCycles.find(json.get());
        if (loop.isPresent()) {
            values.error(JsonConversion.locate(schemaNode, loop.get()), what + " refers back to itself at " + loop.get()
                            + " without descending into a property or an item: validating a message would never end",
                    "a recursive schema must go through 'properties' or 'items' before it refers to itself again");
            return Optional.empty();
        }
        PendingSchema pending = new PendingSchema(json.get(), schemaNode, what, values);
        schemas.add(pending);
        return Optional.of(pending);
    }

    /** The examples as JSON; each is checked against the schema by {@link #compileAndCheck()}. */
    List<JsonNode> examples(List<Node> exampleNodes, Optional<PendingSchema> schema, String what, NodeValues values) {
        List<JsonNode> converted = new ArrayList<>(exampleNodes.size());
        List<Example> pending = new ArrayList<>(exampleNodes.size());
        for (int i = 0; i < exampleNodes.size(); i++) {
            Node node = exampleNodes.get(i);
            Optional<JsonNode> example = JsonConversion.convert(node, "example " + (i + 1) + " of " + what, values);
            if (example.isEmpty()) continue;
            converted.add(example.get());
            pending.add(new Example(i + 1, node, example.get()));
        }
        schema.ifPresent(s -> examples.add(new PendingExamples(s, pending, what, values)));
        return converted;
    }

    /**
     * Compiles every schema read so far, reports those that do not compile where the offending
     * keyword is written, and checks every example against its schema, reporting each failing value
     * where it is written.
     */
    void compileAndCheck() {
        // equal documents (the same shape written for several messages) compile to the same schema: compile each once
        Map<JsonNode, PendingSchema> distinct = new LinkedHashMap<>();
        for (PendingSchema schema : schemas) distinct.putIfAbsent(schema.document, schema);
        Collection<PendingSchema> toCompile = distinct.values();
        (toCompile.size() < PARALLEL_THRESHOLD ? toCompile.stream() : toCompile.parallelStream()).forEach(PendingSchema::compile);
        for (PendingSchema schema : schemas) {
            PendingSchema compiled = distinct.get(schema.document);
            schema.compiled = compiled.compiled;
            schema.failure = compiled.failure;
        }
        for (PendingSchema schema : schemas) {
            if (schema.failure != null) report(schema);
        }
        for (PendingExamples pending : examples) {
            Optional<MessageSchema> schema = pending.schema().schema();
            if (schema.isEmpty()) continue;
            for (Example example : pending.examples()) check(schema.get(), example, pending);
        }
    }

    /**
     * Gives every schema read so far a {@link MessageSchema#deferred deferred} form, compiled on its
     * first validation; examples are not checked. A schema that does not compile then throws the
     * problem {@link #compileAndCheck()} would have reported, at the same place.
     */
    void defer() {
        Path file = topology.path();
        Map<JsonNode, MessageSchema> distinct = new HashMap<>();
        for (PendingSchema schema : schemas) {
            schema.compiled = distinct.computeIfAbsent(schema.document,
                    document -> MessageSchema.deferred(document, failure -> located(schema, failure, file)));
        }
    }

    /** Static, so that a deferred schema does not keep the loader's lists of schemas and examples alive. */
    private static TopologyException located(PendingSchema schema, InvalidSchemaException failure, Path file) {
        Problems found = new Problems();
        report(schema, failure, schema.values.reportingTo(found));
        return new TopologyException(found.sorted(file));
    }

    private static void report(PendingSchema schema) {
        report(schema, schema.failure, schema.values);
    }

    private static void report(PendingSchema schema, InvalidSchemaException failure, NodeValues values) {
        String message = String.valueOf(failure.getMessage());
        Matcher located = EVERIT_POINTER.matcher(message);
        String pointer = located.matches() ? located.group(1).substring(1) : "";
        String reason = located.matches() ? located.group(2) : message;
        values.error(JsonConversion.locate(schema.node, pointer),
                schema.what + " is not a valid JSON Schema" + (pointer.isEmpty() ? "" : " at " + pointer) + ": " + reason,
                "check the keywords and their value types against JSON Schema draft 7 (json-schema.org)");
    }

    private static void check(MessageSchema schema, Example example, PendingExamples pending) {
        for (SchemaViolation violation : schema.validate(example.json())) {
            String pointer = violation.pointer().startsWith("#") ? violation.pointer().substring(1) : violation.pointer();
            pending.values().error(JsonConversion.locate(example.node(), pointer),
                    "example " + example.number() + " of " + pending.what() + " does not match its schema "
                            + (pointer.isEmpty() ? "at the top level" : "at " + pointer) + ": " + inJsonTerms(violation.message()),
                    "fix the example or the schema; examples document the payload and must be valid");
        }
    }

    /** everit names the org.json classes it validates; a user wrote JSON objects and arrays. */
    private static String inJsonTerms(String message) {
        return message.replace("JSONObject", "object").replace("JSONArray", "array");
    }
}
