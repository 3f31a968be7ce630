package dev.bloodbank.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The Java types of one payload schema: the payload record, a nested record for every object
 * with declared properties, a nested enum for every string enum, one nested type per shared
 * definition ({@code $defs}, {@code definitions}), and {@link JsonNode} for whatever a Java type
 * cannot say (see docs/codegen.md for the mapping).
 */
final class SchemaTypes {

    static final ClassName JSON_NODE = ClassName.get(JsonNode.class);
    private static final ClassName JSON_PROPERTY = ClassName.get("com.fasterxml.jackson.annotation", "JsonProperty");
    private static final ClassName JSON_INCLUDE = ClassName.get("com.fasterxml.jackson.annotation", "JsonInclude");
    private static final ClassName JSON_IGNORE_PROPERTIES =
            ClassName.get("com.fasterxml.jackson.annotation", "JsonIgnoreProperties");
    private static final ClassName LIST = ClassName.get(List.class);
    private static final ClassName MAP = ClassName.get(Map.class);

    private final JsonNode document;
    private final Map<String, TypeName> definitions = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();
    private Scope rootScope;

    private SchemaTypes(JsonNode document) {
        this.document = document;
    }

    /** Whether a payload schema becomes a record; any other payload is read as a {@link JsonNode}. */
    static boolean hasRecord(JsonNode schema) {
        return schema.isObject() && schema.path("properties").isObject() && !schema.path("properties").isEmpty();
    }

    /** The payload record of a schema for which {@link #hasRecord} holds. */
    static TypeSpec payload(JsonNode schema, ClassName name, String description) {
        SchemaTypes types = new SchemaTypes(schema);
        types.rootScope = Scope.of(name);
        return types.record(schema, name, description, types.rootScope);
    }

    private TypeSpec record(JsonNode schema, ClassName name, String description, Scope scope) {
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Set<String> components = new HashSet<>();
        MethodSpec.Builder constructor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        CodeBlock.Builder javadoc = CodeBlock.builder();
        CodeBlock.Builder params = CodeBlock.builder();
        String summary = firstNonBlank(description, schema.path("description").asText(""));
        if (!summary.isBlank()) javadoc.add("$L\n", Javadoc.text(summary));

        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String wire = property.getKey();
            JsonNode propertySchema = property.getValue();
            String component = unique(JavaNames.member(wire), components);
            TypeName type = typeOf(propertySchema, JavaNames.type(wire), scope);
            boolean isRequired = required.contains(wire);
            ParameterSpec.Builder parameter = ParameterSpec.builder(type, component)
                    .addAnnotation(AnnotationSpec.builder(JSON_PROPERTY).addMember("value", "$S", wire).build());
            if (!isRequired)
                parameter.addAnnotation(AnnotationSpec.builder(JSON_INCLUDE)
                        .addMember("value", "$T.Include.NON_NULL", JSON_INCLUDE).build());
            constructor.addParameter(parameter.build());
            boolean nonNull = isRequired && !allowsNull(propertySchema);
            if (nonNull)
                constructor.addStatement("$T.requireNonNull($N, $S)", Objects.class, component,
                        wire + " is required");
            // lists are copied, so that a record stays a value; not when the schema lets an element be null
            boolean list = type instanceof ParameterizedTypeName p && p.rawType().equals(LIST);
            if (list && !allowsNull(propertySchema.path("items"))) {
                if (nonNull) constructor.addStatement("$N = $T.copyOf($N)", component, List.class, component);
                else constructor.addStatement("$N = $N == null ? null : $T.copyOf($N)", component, component,
                        List.class, component);
            }
            String about = propertySchema.path("description").asText("").strip();
            if (!about.isEmpty()) params.add("@param $L $L\n", component, Javadoc.text(about));
        }
        if (!params.isEmpty()) {
            if (!javadoc.isEmpty()) javadoc.add("\n");
            javadoc.add(params.build());
        }

        TypeSpec.Builder record = TypeSpec.recordBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .recordConstructor(constructor.build());
        if (!javadoc.isEmpty()) record.addJavadoc(javadoc.build());
        // a record lists what it knows; fields it does not know are dropped rather than failing the read
        if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean())
            record.addAnnotation(AnnotationSpec.builder(JSON_IGNORE_PROPERTIES)
                    .addMember("ignoreUnknown", "true").build());
        record.addTypes(scope.members());
        return record.build();
    }

    /** The Java type of a value of this schema; nested types it needs are added to {@code scope}. */
    private TypeName typeOf(JsonNode schema, String wishedName, Scope scope) {
        if (!schema.isObject()) return JSON_NODE;
        if (schema.has("$ref")) return referenced(schema.path("$ref").asText());
        JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (alternatives != null) {
            JsonNode single = nonNullAlternative(alternatives);
            return single == null ? JSON_NODE : typeOf(single, wishedName, scope);
        }
        if (schema.has("allOf")) return JSON_NODE;
        if (schema.has("enum")) return enumeration(schema, wishedName, scope);
        String type = singleType(schema.path("type"));
        if (type == null && hasRecord(schema)) type = "object";
        if (type == null) return JSON_NODE;
        return switch (type) {
            case "string" -> Formats.javaType(schema.path("format").asText(""));
            case "integer" -> ClassName.get(Long.class);
            case "number" -> ClassName.get(Double.class);
            case "boolean" -> ClassName.get(Boolean.class);
            case "array" -> ParameterizedTypeName.get(LIST,
                    schema.has("items") ? typeOf(schema.get("items"), JavaNames.element(wishedName), scope) : JSON_NODE);
            case "object" -> object(schema, wishedName, scope);
            default -> JSON_NODE;
        };
    }

    private TypeName object(JsonNode schema, String wishedName, Scope scope) {
        if (hasRecord(schema)) {
            ClassName name = scope.allocate(wishedName);
            scope.add(record(schema, name, "", Scope.of(name)));
            return name;
        }
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject() && !additional.isEmpty())
            return ParameterizedTypeName.get(MAP, ClassName.get(String.class), typeOf(additional, wishedName + "Value", scope));
        return JSON_NODE;
    }

    /** A string enum becomes a Java enum; any other enum keeps the type of its values. */
    private TypeName enumeration(JsonNode schema, String wishedName, Scope scope) {
        JsonNode values = schema.get("enum");
        boolean strings = values.isArray() && !values.isEmpty();
        for (JsonNode value : values) strings &= value.isTextual() || value.isNull();
        if (!strings) {
            String type = singleType(schema.path("type"));
            return "integer".equals(type) ? ClassName.get(Long.class)
                    : "number".equals(type) ? ClassName.get(Double.class) : JSON_NODE;
        }
        ClassName name = scope.allocate(wishedName);
        TypeSpec.Builder enumeration = TypeSpec.enumBuilder(name).addModifiers(Modifier.PUBLIC);
        String about = schema.path("description").asText("").strip();
        if (!about.isEmpty()) enumeration.addJavadoc("$L\n", Javadoc.text(about));
        Set<String> constants = new HashSet<>();
        for (JsonNode value : values) {
            if (value.isNull()) continue;
            String constant = unique(JavaNames.constant(value.asText()), constants);
            enumeration.addEnumConstant(constant, TypeSpec.anonymousClassBuilder("")
                    .addAnnotation(AnnotationSpec.builder(JSON_PROPERTY).addMember("value", "$S", value.asText()).build())
                    .build());
        }
        scope.add(enumeration.build());
        return name;
    }

    /** One type per definition, nested in the payload record, however often it is referred to. */
    private TypeName referenced(String ref) {
        TypeName known = definitions.get(ref);
        if (known != null) return known;
        // only local references reach here: the loader refuses remote ones
        JsonNode target = ref.startsWith("#") ? document.at(ref.substring(1)) : null;
        if (target == null || target.isMissingNode() || !resolving.add(ref)) return JSON_NODE;
        try {
            String wished = JavaNames.type(ref.substring(ref.lastIndexOf('/') + 1));
            if (hasRecord(target)) {
                // registered before its components are mapped, so that a definition may refer to itself
                ClassName name = rootScope.allocate(wished);
                definitions.put(ref, name);
                rootScope.add(record(target, name, "", Scope.of(name)));
                return name;
            }
            TypeName type = typeOf(target, wished, rootScope);
            definitions.put(ref, type);
            return type;
        } finally {
            resolving.remove(ref);
        }
    }

    /** The one alternative of {@code anyOf: [X, {type: null}]}, the way optional fields are often written. */
    private static JsonNode nonNullAlternative(JsonNode alternatives) {
        JsonNode single = null;
        for (JsonNode alternative : alternatives) {
            if ("null".equals(alternative.path("type").asText(null))) continue;
            if (single != null) return null;
            single = alternative;
        }
        return single;
    }

    /** {@code "string"} or {@code ["string", "null"]} → string; several non-null types → none. */
    private static String singleType(JsonNode type) {
        if (type.isTextual()) return type.asText();
        if (!type.isArray()) return null;
        String single = null;
        for (JsonNode t : type) {
            if (t.asText().equals("null")) continue;
            if (single != null) return null;
            single = t.asText();
        }
        return single;
    }

    private static boolean allowsNull(JsonNode schema) {
        if (!schema.isObject()) return true;
        JsonNode type = schema.path("type");
        if (type.isTextual()) return type.asText().equals("null");
        if (type.isArray()) {
            for (JsonNode t : type) if (t.asText().equals("null")) return true;
            return false;
        }
        JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (alternatives != null) {
            for (JsonNode alternative : alternatives) if (allowsNull(alternative)) return true;
            return false;
        }
        if (schema.has("enum")) {
            for (JsonNode value : schema.get("enum")) if (value.isNull()) return true;
            return false;
        }
        return !schema.has("$ref") && !hasRecord(schema);
    }

    private static String unique(String wished, Set<String> taken) {
        String candidate = wished;
        for (int n = 2; !taken.add(candidate); n++) candidate = wished + n;
        return candidate;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b == null ? "" : b;
    }
}
