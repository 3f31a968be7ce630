package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Knows which JSON Schema drafts the validator speaks. Everit implements drafts 4, 6 and 7;
 * Pydantic v2 and others write 2019-09 / 2020-12 schemas, which we read with draft-7 semantics.
 */
public final class SchemaDrafts {

    /** Keywords of 2019-09 and 2020-12 that draft 7 ignores, so a schema using them checks less than it says. */
    public static final List<String> IGNORED_BY_DRAFT_7 = List.of(
            "prefixItems", "unevaluatedProperties", "unevaluatedItems", "dependentRequired",
            "dependentSchemas", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef",
            "$recursiveAnchor", "minContains", "maxContains", "$vocabulary");

    private SchemaDrafts() {}

    /** Whether the document declares a draft newer than 7. */
    public static boolean declaresNewerDraft(JsonNode document) {
        JsonNode declared = document.get("$schema");
        if (declared == null || !declared.isTextual()) return false;
        String uri = declared.textValue();
        return uri.contains("2019-09") || uri.contains("2020-12");
    }

    /**
     * The document as everit should read it: a newer {@code $schema} declaration is dropped so
     * that everit applies draft 7 instead of refusing the unknown meta-schema. {@code $defs} needs
     * no rewriting: everit resolves {@code #/$defs/...} as a plain JSON pointer.
     */
    static JsonNode withDraft7Semantics(JsonNode document) {
        if (!document.isObject() || !declaresNewerDraft(document)) return document;
        ObjectNode copy = ((ObjectNode) document).deepCopy();
        copy.remove("$schema");
        return copy;
    }
}
