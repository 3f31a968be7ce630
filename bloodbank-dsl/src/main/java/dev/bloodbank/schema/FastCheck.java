package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * The per-message verdict on a payload, by networknt's validator, which walks the Jackson tree the
 * runtime already holds. everit needs an org.json copy of every payload first; on the benchmark
 * schema networknt takes about two thirds of everit's time and 60 % of its allocation, and it
 * passes more of the official draft-7 test suite (every required test, 92 % of the format tests,
 * against 96 % and 81 % for everit). everit stays the reference: it compiles and checks every
 * schema when the topology loads, and it locates the violations of a payload found invalid.
 *
 * <p>Only draft-7 documents get one: everit honours drafts 4 and 6 as declared, and the two
 * must judge alike.
 */
final class FastCheck {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true) // everit asserts formats too
            .build();

    private final JsonSchema schema;

    private FastCheck(JsonSchema schema) {
        this.schema = schema;
    }

    /**
     * A check for the document (as everit reads it, already compiled by everit, so with no remote
     * reference to load), or null when it is not draft 7 or networknt cannot compile it; everit
     * then judges alone.
     */
    static FastCheck forDocument(JsonNode draft7Document) {
        if (!draft7Document.isObject()) return null;
        JsonNode declared = draft7Document.get("$schema");
        if (declared != null && !(declared.isTextual() && declared.textValue().contains("draft-07"))) return null;
        try {
            JsonSchema compiled = FACTORY.getSchema(draft7Document, CONFIG);
            compiled.initializeValidators();
            return new FastCheck(compiled);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * True when the payload is valid and everit would say so too; false sends it to everit. A
     * floating-point number with no fraction (1000.0) is an integer from draft 6 on, which networknt
     * follows and everit does not: a payload holding one is left to everit, so that the runtime
     * judges every payload as {@code bloodbank validate} judges examples.
     */
    boolean accepts(JsonNode payload) {
        return !hasIntegralFloat(payload) && schema.validate(payload).isEmpty();
    }

    private static boolean hasIntegralFloat(JsonNode node) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) if (hasIntegralFloat(child)) return true;
            return false;
        }
        return node.isFloatingPointNumber() && node.canConvertToExactIntegral();
    }
}
