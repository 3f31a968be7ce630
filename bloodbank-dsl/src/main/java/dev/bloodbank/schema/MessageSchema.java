package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.everit.json.schema.ConstSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.SchemaException;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;

/**
 * The JSON Schema of one event's or command's payload, compiled once when the topology loads.
 * Validation per message never recompiles anything: a {@link FastCheck} gives the verdict on the
 * payload's Jackson tree, and everit, which compiled and checked the schema, says where a payload
 * found invalid breaks it. The fast check is compiled on the first validation, so that commands
 * that only read a topology never pay for it.
 */
public final class MessageSchema {

    private final JsonNode document;
    private final JsonNode draft7Document;
    private final Schema compiled;
    /** Compiled on first use; {@link #EVERIT_ONLY} when the document gets none. */
    private volatile Object fast;

    private static final Object EVERIT_ONLY = new Object();

    private MessageSchema(JsonNode document, JsonNode draft7Document, Schema compiled) {
        this.document = document;
        this.draft7Document = draft7Document;
        this.compiled = compiled;
    }

    /**
     * Compiles a schema document. Drafts 4, 6 and 7 are honoured as declared; a schema declaring
     * 2019-09 or 2020-12 is read with draft-7 semantics (the validator warns about the keywords
     * that draft 7 ignores).
     *
     * @throws InvalidSchemaException when the document is not a usable JSON Schema
     */
    public static MessageSchema compile(JsonNode document) {
        if (document == null || !(document.isObject() || document.isBoolean()))
            throw new InvalidSchemaException("a JSON Schema must be an object (or true/false)");
        try {
            JsonNode draft7 = SchemaDrafts.withDraft7Semantics(document);
            Object raw = JsonTrees.toOrgJson(draft7);
            SchemaLoader.SchemaLoaderBuilder loader = SchemaLoader.builder()
                    .schemaJson(raw)
                    .useDefaults(false)
                    .draftV7Support()
                    // compiling must never reach out to the network: a remote $ref is an error, not a download
                    .schemaClient(url -> {
                        throw new InvalidSchemaException("refers to " + url + ", and remote schemas are not fetched;"
                                + " copy it into $defs");
                    });
            return new MessageSchema(document, draft7, loader.build().load().build());
        } catch (InvalidSchemaException e) {
            throw e;
        } catch (SchemaException e) {
            throw new InvalidSchemaException(e.getMessage());
        } catch (RuntimeException e) {
            // everit signals some malformed documents with plain runtime exceptions (a wrong value type, a
            // failed lookup); to the caller each is the same thing: a document that does not compile
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof InvalidSchemaException)) cause = cause.getCause();
            throw new InvalidSchemaException(cause.getMessage() != null ? cause.getMessage() : e.toString());
        }
    }

    /** The schema as written in the topology. */
    public JsonNode document() {
        return document;
    }

    /**
     * Every violation of this schema by the payload; empty when the payload is valid. The fast
     * check accepting is enough; when it rejects, everit locates the violations, and if it finds
     * none its verdict stands (valid). Topology examples are judged by this same method, so
     * {@code bloodbank validate} and the runtime always agree.
     */
    public List<SchemaViolation> validate(JsonNode payload) {
        FastCheck check = fastCheck();
        if (check != null && check.accepts(payload)) return List.of();
        return everitViolations(payload);
    }

    /** The violations as everit alone finds them, with their JSON pointers. */
    List<SchemaViolation> everitViolations(JsonNode payload) {
        try {
            compiled.validate(JsonTrees.toOrgJson(payload));
            return List.of();
        } catch (ValidationException e) {
            List<SchemaViolation> violations = new ArrayList<>();
            collect(e, violations);
            return violations;
        }
    }

    /** Whether the payload is valid; the cheap form for the per-message path. */
    public boolean isValid(JsonNode payload) {
        FastCheck check = fastCheck();
        if (check != null && check.accepts(payload)) return true;
        return everitAccepts(payload);
    }

    /** everit's verdict alone. */
    boolean everitAccepts(JsonNode payload) {
        try {
            compiled.validate(JsonTrees.toOrgJson(payload));
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    /** Whether the fast check exists for this schema (false: everit judges alone). */
    boolean hasFastCheck() {
        return fastCheck() != null;
    }

    private FastCheck fastCheck() {
        Object f = fast;
        if (f == null) {
            synchronized (this) {
                f = fast;
                if (f == null) {
                    FastCheck check = FastCheck.forDocument(draft7Document);
                    f = check == null ? EVERIT_ONLY : check;
                    fast = f;
                }
            }
        }
        return f == EVERIT_ONLY ? null : (FastCheck) f;
    }

    private static void collect(ValidationException e, List<SchemaViolation> out) {
        if (e.getCausingExceptions().isEmpty()) {
            String pointer = e.getPointerToViolation() == null ? "#" : e.getPointerToViolation();
            out.add(new SchemaViolation(pointer, message(e)));
            return;
        }
        for (ValidationException cause : e.getCausingExceptions()) collect(cause, out);
    }

    /** everit leaves some messages empty (a failed {@code const}); say which rule failed instead. */
    private static String message(ValidationException e) {
        String message = e.getErrorMessage();
        if (message != null && !message.isBlank()) return message;
        if (e.getViolatedSchema() instanceof ConstSchema constant)
            return "must be the constant " + JSONObject.valueToString(constant.getPermittedValue());
        return e.getKeyword() == null ? "does not match the schema" : "does not satisfy '" + e.getKeyword() + "'";
    }

    @Override
    public String toString() {
        return document.toString();
    }

}
