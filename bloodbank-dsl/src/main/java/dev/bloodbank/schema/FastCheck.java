package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * networknt's verdict on a payload, asked when the {@link CompiledCheck} does not accept it or
 * does not cover the schema. It walks the Jackson tree the runtime already holds, where everit
 * needs an org.json copy of every payload first; on the benchmark schema networknt takes about
 * two thirds of everit's time and 60 % of its allocation, and it
 * passes more of the official draft-7 test suite (every required test, 92 % of the format tests,
 * against 96 % and 81 % for everit). everit stays the reference: it compiles and checks every
 * schema when the topology loads, and it locates the violations of a payload found invalid.
 *
 * <p>Only draft-7 documents get one: everit honours drafts 4 and 6 as declared, and the two
 * must judge alike. They do on every schema of the sample topology and of a generated 600-event
 * one, on thousands of payloads each ({@code FastCheckAgreementTest}), but for {@link #accepts}'s
 * one exception.
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
     * True when the payload is valid. One known difference with everit, where networknt follows
     * the specification: a number with a zero fraction ({@code 1000.0}) is an integer from draft 6
     * on (the suite's "a float with zero fractional part is an integer"); everit rejects it.
     */
    boolean accepts(JsonNode payload) {
        return schema.validate(payload).isEmpty();
    }
}
