package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.SchemaDrafts;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Walks a schema as written, keyword by keyword, for what compiling it would not say where:
 * references that point outside the schema or at nothing, and keywords of newer drafts that the
 * draft-7 validator silently ignores.
 */
final class SchemaKeywords {

    /** Keywords whose values are data, not schemas: their keys are never keywords. */
    private static final Set<String> DATA = Set.of("enum", "const", "default", "examples", "example", "required");
    /** Keywords whose values map names to schemas: the names are not keywords, the values are schemas. */
    private static final Set<String> NAMED_SCHEMAS = Set.of(
            "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies");

    private static final Map<String, String> DRAFT_7_WAY = Map.ofEntries(
            Map.entry("prefixItems", "draft 7 writes a tuple as 'items: [..]' with 'additionalItems'"),
            Map.entry("unevaluatedProperties", "draft 7 can say 'additionalProperties: false' instead"),
            Map.entry("unevaluatedItems", "draft 7 can say 'additionalItems: false' instead"),
            Map.entry("dependentRequired", "draft 7 writes 'dependencies: {name: [required names]}'"),
            Map.entry("dependentSchemas", "draft 7 writes 'dependencies: {name: {schema}}'"),
            Map.entry("$anchor", "refer to the definition by its pointer, '#/$defs/Name'"),
            Map.entry("minContains", "draft 7 has no equivalent; check it in the handler"),
            Map.entry("maxContains", "draft 7 has no equivalent; check it in the handler"));

    /** Keywords that older drafts ignore, for a schema that declares one of them. */
    private static final Map<String, List<String>> IGNORED_BY_OLDER_DRAFTS = Map.of(
            "draft-04", List.of("const", "contains", "propertyNames", "if", "then", "else"),
            "draft-06", List.of("if", "then", "else"));

    private final NodeValues values;
    private final JsonNode root;
    private final String declaredDraft;
    private final List<String> ignored;
    private final String what;
    private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean hasErrors;

    private SchemaKeywords(NodeValues values, JsonNode root, String what) {
        this.values = values;
        this.root = root;
        this.what = what;
        JsonNode declared = root.get("$schema");
        String uri = declared != null && declared.isTextual() ? declared.textValue() : "";
        this.declaredDraft = IGNORED_BY_OLDER_DRAFTS.keySet().stream().filter(uri::contains).findFirst().orElse(null);
        this.ignored = declaredDraft == null ? SchemaDrafts.IGNORED_BY_DRAFT_7 : IGNORED_BY_OLDER_DRAFTS.get(declaredDraft);
    }

    /**
     * Reports the schema's reference errors and ignored keywords.
     *
     * @return whether the schema is free of errors (warnings allowed)
     */
    static boolean inspect(Node schema, JsonNode converted, String what, NodeValues values) {
        SchemaKeywords walk = new SchemaKeywords(values, converted, what);
        walk.schema(schema);
        return !walk.hasErrors;
    }

    private void schema(Node node) {
        if (!visited.add(node)) return;
        if (node instanceof SequenceNode sequence) {
            for (Node element : sequence.getValue()) schema(element);
            return;
        }
        if (!(node instanceof MappingNode mapping)) return;
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) continue;
            String keyword = key.getValue();
            Node value = tuple.getValueNode();
            if (ignored.contains(keyword)) ignoredKeyword(key, keyword);
            if (keyword.equals("$ref")) {
                reference(value);
            } else if (NAMED_SCHEMAS.contains(keyword) && value instanceof MappingNode named) {
                for (NodeTuple entry : named.getValue()) schema(entry.getValueNode());
            } else if (!DATA.contains(keyword)) {
                schema(value);
            }
        }
    }

    private void ignoredKeyword(ScalarNode key, String keyword) {
        if (declaredDraft == null) {
            values.warning(key, what + " uses '" + keyword + "', which the draft-7 validator ignores: it is not checked",
                    DRAFT_7_WAY.getOrDefault(keyword, "remove it, or check that rule in the handler"));
        } else {
            values.warning(key, what + " declares " + declaredDraft + ", which has no '" + keyword + "': it is not checked",
                    "declare draft-07 (\"$schema\": \"http://json-schema.org/draft-07/schema#\") or leave '$schema' out");
        }
    }

    private void reference(Node value) {
        if (!(value instanceof ScalarNode scalar)) return;
        String ref = scalar.getValue();
        if (!ref.startsWith("#")) {
            values.error(value, what + " refers to '" + ref + "' outside the schema; only references inside it (#/...) are resolved",
                    "copy the referenced schema into '$defs' and refer to it as '#/$defs/Name'");
            hasErrors = true;
            return;
        }
        String pointer = fragmentPointer(ref);
        if (pointer.isEmpty()) return;
        JsonNode target;
        try {
            target = root.at(pointer);
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target == null || target.isMissingNode()) {
            values.error(value, what + " refers to '" + ref + "', which is not in the schema",
                    "the pointer is read from the root of this schema; check the name under '$defs' or 'definitions'");
            hasErrors = true;
        }
    }

    /** The JSON pointer in a {@code #...} reference; a URI fragment may percent-encode it (RFC 6901, section 6). */
    static String fragmentPointer(String ref) {
        String fragment = ref.substring(1);
        if (fragment.indexOf('%') < 0) return fragment;
        try {
            return URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return fragment;
        }
    }
}
