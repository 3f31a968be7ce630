package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.everit.json.schema.ConstSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.SchemaException;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;

/**
 * The JSON Schema of one event's or command's payload, compiled once. Validation per message never
 * recompiles anything. Three validators judge in turn, each asked only when the one before did not
 * accept: {@link CompiledCheck}, which walks the payload's Jackson tree with rules compiled for the
 * keywords it covers and gives the verdict of almost every message; networknt's validator
 * ({@link FastCheck}) for a schema it does not cover; and everit, which compiled and checked the
 * schema and says where a payload found invalid breaks it. The compiled check also runs over a
 * payload's tokens as it is written or read ({@link #checking(com.fasterxml.jackson.core.JsonGenerator)},
 * {@link #checking(com.fasterxml.jackson.core.JsonParser)}), so that records need no tree at all
 * when they pass. The first two are compiled on the first
 * validation, so that commands that only read a topology never pay for them; a
 * {@linkplain #deferred deferred} schema compiles everit's form then too.
 */
public final class MessageSchema {

    private final JsonNode document;
    /** Says where a deferred schema is written when it turns out not to compile. */
    private final Function<InvalidSchemaException, ? extends RuntimeException> whenInvalid;
    /** everit's form with the draft-7 document it was read from; null until compiled. */
    private volatile Compiled compiled;
    private InvalidSchemaException failure;
    /** Compiled on first use. */
    private volatile QuickChecks quick;

    /**
     * The checks asked before everit, either absent for a schema they cannot read. Only draft-7
     * documents get them: everit honours drafts 4 and 6 as declared, and all must judge alike.
     */
    private record QuickChecks(CompiledCheck compiled, FastCheck networknt, TokenCheck tokens) {
        boolean accept(JsonNode payload) {
            return (compiled != null && compiled.accepts(payload)) || (networknt != null && networknt.accepts(payload));
        }
    }

    private record Compiled(JsonNode draft7Document, Schema schema) {}

    private MessageSchema(JsonNode document, Compiled compiled,
            Function<InvalidSchemaException, ? extends RuntimeException> whenInvalid) {
        this.document = document;
        this.compiled = compiled;
        this.whenInvalid = whenInvalid;
    }

    /**
     * Compiles a schema document. Drafts 4, 6 and 7 are honoured as declared; a schema declaring
     * 2019-09 or 2020-12 is read with draft-7 semantics (the validator warns about the keywords
     * that draft 7 ignores).
     *
     * @throws InvalidSchemaException when the document is not a usable JSON Schema
     */
    public static MessageSchema compile(JsonNode document) {
        requireSchemaShape(document);
        return new MessageSchema(document, compileEverit(document), e -> e);
    }

    /**
     * A schema compiled on its first validation, not now: reading a large topology for a command
     * that never validates a payload (listing, planning, applying) then costs no compilation.
     * When the document does not compile, that first validation, and every later one, throws
     * what {@code whenInvalid} makes of everit's complaint (the loader makes a located topology
     * problem of it).
     *
     * @throws InvalidSchemaException when the document is not even an object (or true/false)
     */
    public static MessageSchema deferred(JsonNode document,
            Function<InvalidSchemaException, ? extends RuntimeException> whenInvalid) {
        requireSchemaShape(document);
        return new MessageSchema(document, null, java.util.Objects.requireNonNull(whenInvalid, "whenInvalid"));
    }

    private static void requireSchemaShape(JsonNode document) {
        if (document == null || !(document.isObject() || document.isBoolean()))
            throw new InvalidSchemaException("a JSON Schema must be an object (or true/false)");
    }

    private static Compiled compileEverit(JsonNode document) {
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
            return new Compiled(draft7, loader.build().load().build());
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

    /** everit's form, compiled now if it was deferred; a document that does not compile fails every time. */
    private Compiled compiled() {
        Compiled c = compiled;
        if (c != null) return c;
        synchronized (this) {
            if (compiled == null && failure == null) {
                try {
                    compiled = compileEverit(document);
                } catch (InvalidSchemaException e) {
                    failure = e;
                }
            }
            if (failure != null) throw whenInvalid.apply(failure);
            return compiled;
        }
    }

    /** Whether everit's form exists yet (a deferred schema not validated against has none). */
    boolean isCompiled() {
        return compiled != null;
    }

    /** The schema as written in the topology. */
    public JsonNode document() {
        return document;
    }

    /**
     * Every violation of this schema by the payload; empty when the payload is valid. A quick
     * check accepting is enough; when they reject, everit locates the violations, and if it finds
     * none its verdict stands (valid). Topology examples are judged by this same method, so
     * {@code bloodbank validate} and the runtime always agree.
     */
    public List<SchemaViolation> validate(JsonNode payload) {
        if (quickChecks().accept(payload)) return List.of();
        return everitViolations(payload);
    }

    /** The violations as everit alone finds them, with their JSON pointers. */
    List<SchemaViolation> everitViolations(JsonNode payload) {
        try {
            compiled().schema().validate(JsonTrees.toOrgJson(payload));
            return List.of();
        } catch (ValidationException e) {
            List<SchemaViolation> violations = new ArrayList<>();
            collect(e, violations);
            return violations;
        }
    }

    /** Whether the payload is valid; the cheap form for the per-message path. */
    public boolean isValid(JsonNode payload) {
        return quickChecks().accept(payload) || everitAccepts(payload);
    }

    /** everit's verdict alone. */
    boolean everitAccepts(JsonNode payload) {
        try {
            compiled().schema().validate(JsonTrees.toOrgJson(payload));
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    /** Whether networknt's check exists for this schema (false: everit judges alone). */
    boolean hasFastCheck() {
        return quickChecks().networknt() != null;
    }

    /** Whether the compiled check covers this schema (false: networknt, or everit, judges it). */
    boolean hasCompiledCheck() {
        return quickChecks().compiled() != null;
    }

    /** The compiled check's verdict alone, or null when it does not cover the schema. */
    Boolean compiledAccepts(JsonNode payload) {
        CompiledCheck check = quickChecks().compiled();
        return check == null ? null : check.accepts(payload);
    }

    /**
     * A generator that writes a payload through to {@code real} and checks it against this schema
     * token by token on the way, with no tree; null when the compiled check does not cover the
     * schema. Its {@link CheckingGenerator#accepted() accepted()} is the verdict of
     * {@link #isValid} when true; when false the payload may still be valid, and only
     * {@link #validate} on its tree says.
     */
    public CheckingGenerator checking(com.fasterxml.jackson.core.JsonGenerator real) {
        TokenCheck tokens = quickChecks().tokens();
        return tokens == null ? null : new CheckingGenerator(real, tokens.walk());
    }

    /**
     * A parser that reads a payload from {@code real} and checks it against this schema token by
     * token on the way, so that a record bound from it is checked in the same pass; {@code real}
     * may be before the payload or at its first token. Null when the
     * compiled check does not cover the schema. As for {@link #checking(com.fasterxml.jackson.core.JsonGenerator)},
     * {@link CheckingParser#accepted() accepted()} true is {@link #isValid}'s verdict, and false
     * leaves it to {@link #validate} on the payload's tree.
     */
    public CheckingParser checking(com.fasterxml.jackson.core.JsonParser real) throws java.io.IOException {
        TokenCheck tokens = quickChecks().tokens();
        return tokens == null ? null : new CheckingParser(real, tokens.walk());
    }

    /** Whether {@link #checking} gives a generator and a parser for this schema. */
    public boolean checksTokens() {
        return quickChecks().tokens() != null;
    }

    /** networknt's verdict alone, or null when it has no check of the schema. */
    Boolean networkntAccepts(JsonNode payload) {
        FastCheck check = quickChecks().networknt();
        return check == null ? null : check.accepts(payload);
    }

    private QuickChecks quickChecks() {
        QuickChecks q = quick;
        if (q != null) return q;
        compiled(); // everit first: a document it refuses must never be judged by the quick checks alone
        synchronized (this) {
            if (quick == null) {
                JsonNode draft7 = compiled().draft7Document();
                FastCheck networknt = FastCheck.forDocument(draft7);
                CompiledCheck check = networknt == null ? null : CompiledCheck.forDocument(draft7);
                quick = new QuickChecks(check, networknt, check == null ? null : TokenCheck.forDocument(draft7));
            }
            return quick;
        }
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
