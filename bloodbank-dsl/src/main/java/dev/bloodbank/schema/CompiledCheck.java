package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Format;
import com.networknt.schema.Formats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A draft-7 schema compiled to a tree of {@link Rule}s that walks the payload's Jackson tree and
 * nothing else: no execution context, no instance paths, no messages, since on the per-message
 * path only the verdict of a valid payload matters (a payload found invalid goes on to networknt
 * and everit, which say where). On the benchmark schema it takes a fraction of networknt's time.
 *
 * <p>It covers the draft-7 keywords whose meaning needs no base URI: the applicators, the
 * assertions, local {@code $ref}s ({@code #/…} within the document) and every format networknt
 * checks but {@code duration} and {@code regex}, with networknt's own format code, so that the two judge formats
 * alike. A schema using anything else ({@code $id} below the root, another document, an unknown
 * keyword) gets none, and {@link MessageSchema} asks networknt as before. It passes every test of
 * the official draft-7 suite whose schema it compiles ({@code CompiledCheckSuiteTest}) and agrees
 * with networknt on every schema of the sample and generated topologies
 * ({@code FastCheckAgreementTest}).
 */
final class CompiledCheck {

    private static final Map<String, Format> FORMATS = formats();
    /**
     * Every keyword this check reads, with those that assert nothing and {@code definitions} (read
     * only through a {@code $ref}); {@code $id} is allowed at the root only.
     */
    private static final Set<String> KEYWORDS = Set.of("$schema", "$comment", "title", "description", "default",
            "examples", "readOnly", "writeOnly", "definitions", "$defs", "type",
            "properties", "patternProperties", "additionalProperties", "required", "dependencies", "propertyNames",
            "minProperties", "maxProperties", "items", "additionalItems", "contains", "minItems", "maxItems", "uniqueItems",
            "minLength", "maxLength", "pattern", "format", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum",
            "multipleOf", "enum", "const", "allOf", "anyOf", "oneOf", "not", "if", "then", "else");

    private final Rule root;

    private CompiledCheck(Rule root) {
        this.root = root;
    }

    /** The check of a draft-7 document, or null when it uses something this check does not cover. */
    static CompiledCheck forDocument(JsonNode draft7Document) {
        try {
            return new CompiledCheck(new Compiler(draft7Document).compile(draft7Document, true));
        } catch (Unsupported | PatternSyntaxException e) {
            return null;
        }
    }

    /**
     * True when the payload is valid. False also when a value is beyond what the rules compare (a
     * number Jackson read as infinity) or a recursive schema recurses without end: the caller then
     * asks networknt, so that this check can only ever spare it work, never change a verdict.
     */
    boolean accepts(JsonNode payload) {
        try {
            return root.test(payload);
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    private static Map<String, Format> formats() {
        Map<String, Format> formats = new HashMap<>();
        // duration and regex read the validation context (its settings, its regular-expression engine);
        // every other format of networknt's list is a function of the string alone
        for (Format format : Formats.DEFAULT)
            if (!Set.of("duration", "regex").contains(format.getName())) formats.put(format.getName(), format);
        return Map.copyOf(formats);
    }

    /** Thrown, without a stack, when the document is outside what this check covers. */
    static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /**
     * Compiles one document; {@code $ref} targets once each, so that recursive schemas terminate.
     * {@link TokenCheck} compiles each part of the document with one of these too, sharing its refs.
     */
    static final class Compiler {
        private final JsonNode document;
        private final Map<String, Rule.Ref> refs = new HashMap<>();

        Compiler(JsonNode document) {
            this.document = document;
        }

        Rule compile(JsonNode schema, boolean root) {
            if (schema.isBoolean()) return new Rule.Always(schema.booleanValue());
            if (!schema.isObject()) throw new Unsupported();
            JsonNode ref = schema.get("$ref");
            if (ref != null) return ref(ref); // in draft 7 a $ref's siblings are ignored
            if (schema.has("$id") && !root) throw new Unsupported(); // a new base URI for the refs below it
            for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
                String keyword = it.next();
                if (!KEYWORDS.contains(keyword) && !(root && keyword.equals("$id"))) throw new Unsupported();
            }
            List<Rule> rules = new ArrayList<>();
            JsonNode type = schema.get("type");
            if (type != null) rules.add(new Rule.TypeIs(typeMask(type)));
            objectRules(schema, rules);
            arrayRules(schema, rules);
            stringRules(schema, rules);
            numberRules(schema, rules);
            valueRules(schema, rules);
            applicatorRules(schema, rules);
            if (rules.isEmpty()) return new Rule.Always(true);
            return rules.size() == 1 ? rules.get(0) : new Rule.All(rules.toArray(Rule[]::new));
        }

        private Rule ref(JsonNode ref) {
            if (!ref.isTextual() || !ref.textValue().startsWith("#")) throw new Unsupported();
            String pointer = ref.textValue().substring(1);
            Rule.Ref existing = refs.get(pointer);
            if (existing != null) return existing;
            Rule.Ref rule = new Rule.Ref();
            refs.put(pointer, rule);
            JsonNode target = resolve(pointer);
            Rule compiled = compile(target, target == document);
            for (Rule r = compiled; r instanceof Rule.Ref chained; r = chained.target())
                if (chained == rule) throw new Unsupported(); // refs that only refer to each other
            rule.resolve(compiled);
            return rule;
        }

        /** A JSON pointer within the document ({@code ""} is the document), percent-decoded first. */
        JsonNode resolve(String pointer) {
            String decoded;
            try {
                decoded = java.net.URLDecoder.decode(pointer.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Unsupported();
            }
            if (!decoded.isEmpty() && !decoded.startsWith("/")) throw new Unsupported(); // a plain-name fragment
            JsonNode target = document.at(decoded);
            if (target.isMissingNode()) throw new Unsupported();
            return target;
        }

        private void objectRules(JsonNode schema, List<Rule> rules) {
            JsonNode properties = schema.get("properties");
            Set<String> declared = new HashSet<>();
            if (properties != null) {
                requireObject(properties);
                List<String> names = new ArrayList<>();
                List<Rule> each = new ArrayList<>();
                properties.fields().forEachRemaining(f -> {
                    names.add(f.getKey());
                    each.add(compile(f.getValue(), false));
                });
                declared.addAll(names);
                if (!names.isEmpty()) rules.add(new Rule.Properties(names.toArray(String[]::new), each.toArray(Rule[]::new)));
            }
            JsonNode patternProperties = schema.get("patternProperties");
            JsonNode additional = schema.get("additionalProperties");
            if (patternProperties != null || additional != null) {
                List<Pattern> patterns = new ArrayList<>();
                List<Rule> patternRules = new ArrayList<>();
                if (patternProperties != null) {
                    requireObject(patternProperties);
                    patternProperties.fields().forEachRemaining(f -> {
                        patterns.add(Pattern.compile(f.getKey()));
                        patternRules.add(compile(f.getValue(), false));
                    });
                }
                rules.add(new Rule.OtherProperties(Set.copyOf(declared), patterns.toArray(Pattern[]::new),
                        patternRules.toArray(Rule[]::new), additional == null ? null : compile(additional, false)));
            }
            JsonNode required = schema.get("required");
            if (required != null) {
                String[] names = strings(required);
                if (names.length > 0) rules.add(new Rule.Required(names));
            }
            JsonNode dependencies = schema.get("dependencies");
            if (dependencies != null) {
                requireObject(dependencies);
                dependencies.fields().forEachRemaining(f -> rules.add(f.getValue().isArray()
                        ? new Rule.Dependency(f.getKey(), strings(f.getValue()), null)
                        : new Rule.Dependency(f.getKey(), null, compile(f.getValue(), false))));
            }
            JsonNode names = schema.get("propertyNames");
            if (names != null) rules.add(new Rule.PropertyNames(compile(names, false)));
            if (schema.has("minProperties") || schema.has("maxProperties"))
                rules.add(new Rule.PropertyCount(count(schema, "minProperties", 0), count(schema, "maxProperties", Integer.MAX_VALUE)));
        }

        private void arrayRules(JsonNode schema, List<Rule> rules) {
            JsonNode items = schema.get("items");
            if (items != null && items.isArray()) {
                Rule[] positions = new Rule[items.size()];
                for (int i = 0; i < positions.length; i++) positions[i] = compile(items.get(i), false);
                JsonNode additional = schema.get("additionalItems");
                rules.add(new Rule.Tuple(positions, additional == null ? null : compile(additional, false)));
            } else if (items != null) {
                rules.add(new Rule.Items(compile(items, false))); // additionalItems means nothing beside one schema
            }
            JsonNode contains = schema.get("contains");
            if (contains != null) rules.add(new Rule.Contains(compile(contains, false)));
            if (schema.has("minItems") || schema.has("maxItems"))
                rules.add(new Rule.ItemCount(count(schema, "minItems", 0), count(schema, "maxItems", Integer.MAX_VALUE)));
            JsonNode unique = schema.get("uniqueItems");
            if (unique != null) {
                if (!unique.isBoolean()) throw new Unsupported();
                if (unique.booleanValue()) rules.add(new Rule.UniqueItems());
            }
        }

        private void stringRules(JsonNode schema, List<Rule> rules) {
            if (schema.has("minLength") || schema.has("maxLength"))
                rules.add(new Rule.Length(count(schema, "minLength", 0), count(schema, "maxLength", Integer.MAX_VALUE)));
            JsonNode pattern = schema.get("pattern");
            if (pattern != null) {
                if (!pattern.isTextual()) throw new Unsupported();
                rules.add(new Rule.Matches(Pattern.compile(pattern.textValue())));
            }
            JsonNode format = schema.get("format");
            if (format != null) {
                Format known = format.isTextual() ? FORMATS.get(format.textValue()) : null;
                if (known == null) throw new Unsupported();
                rules.add(known.getName().equals("uri") ? new Rule.FormattedUri(known) : new Rule.Formatted(known));
            }
        }

        private void numberRules(JsonNode schema, List<Rule> rules) {
            bound(schema, "minimum", true, false, rules);
            bound(schema, "exclusiveMinimum", true, true, rules);
            bound(schema, "maximum", false, false, rules);
            bound(schema, "exclusiveMaximum", false, true, rules);
            JsonNode multipleOf = schema.get("multipleOf");
            if (multipleOf != null) {
                if (!multipleOf.isNumber() || JsonValues.decimal(multipleOf).signum() <= 0) throw new Unsupported();
                rules.add(new Rule.MultipleOf(JsonValues.decimal(multipleOf)));
            }
        }

        private void bound(JsonNode schema, String keyword, boolean lower, boolean exclusive, List<Rule> rules) {
            JsonNode bound = schema.get(keyword);
            if (bound == null) return;
            if (!bound.isNumber()) throw new Unsupported(); // draft 4's boolean exclusiveMinimum is not draft 7
            rules.add(new Rule.Bound(JsonValues.Limit.of(bound), lower, exclusive));
        }

        private void valueRules(JsonNode schema, List<Rule> rules) {
            JsonNode values = schema.get("enum");
            if (values != null) {
                if (!values.isArray()) throw new Unsupported();
                JsonNode[] allowed = new JsonNode[values.size()];
                for (int i = 0; i < allowed.length; i++) allowed[i] = values.get(i);
                rules.add(new Rule.OneOfValues(allowed));
            }
            JsonNode constant = schema.get("const");
            if (constant != null) rules.add(new Rule.OneOfValues(new JsonNode[] {constant}));
        }

        private void applicatorRules(JsonNode schema, List<Rule> rules) {
            JsonNode allOf = schema.get("allOf");
            if (allOf != null) rules.add(new Rule.All(schemas(allOf)));
            JsonNode anyOf = schema.get("anyOf");
            if (anyOf != null) rules.add(new Rule.Any(schemas(anyOf)));
            JsonNode oneOf = schema.get("oneOf");
            if (oneOf != null) rules.add(new Rule.ExactlyOne(schemas(oneOf)));
            JsonNode not = schema.get("not");
            if (not != null) rules.add(new Rule.Not(compile(not, false)));
            JsonNode condition = schema.get("if");
            if (condition != null) {
                JsonNode then = schema.get("then");
                JsonNode otherwise = schema.get("else");
                Rule always = new Rule.Always(true);
                rules.add(new Rule.Conditional(compile(condition, false),
                        then == null ? always : compile(then, false), otherwise == null ? always : compile(otherwise, false)));
            }
            // then and else without if mean nothing, but are still schemas: compile them so that one this check cannot read is refused
            if (condition == null) {
                for (String branch : List.of("then", "else")) if (schema.has(branch)) compile(schema.get(branch), false);
            }
        }

        private Rule[] schemas(JsonNode array) {
            if (!array.isArray() || array.isEmpty()) throw new Unsupported();
            Rule[] rules = new Rule[array.size()];
            for (int i = 0; i < rules.length; i++) rules[i] = compile(array.get(i), false);
            return rules;
        }

        private static int typeMask(JsonNode type) {
            int mask = 0;
            if (type.isTextual()) mask = JsonTypes.bit(type.textValue());
            else if (type.isArray()) for (JsonNode t : type) mask |= t.isTextual() ? bitOrFail(t.textValue()) : fail();
            if (mask == 0) throw new Unsupported();
            return mask;
        }

        private static int bitOrFail(String name) {
            int bit = JsonTypes.bit(name);
            return bit == 0 ? fail() : bit;
        }

        private static int fail() {
            throw new Unsupported();
        }

        private static void requireObject(JsonNode node) {
            if (!node.isObject()) throw new Unsupported();
        }

        private static String[] strings(JsonNode array) {
            if (!array.isArray()) throw new Unsupported();
            String[] out = new String[array.size()];
            for (int i = 0; i < out.length; i++) {
                if (!array.get(i).isTextual()) throw new Unsupported();
                out[i] = array.get(i).textValue();
            }
            return out;
        }

        /** A non-negative count keyword ({@code minLength} …); 1.0 counts as 1. */
        private static int count(JsonNode schema, String keyword, int absent) {
            JsonNode n = schema.get(keyword);
            if (n == null) return absent;
            if (!n.isNumber() || !n.canConvertToExactIntegral() || n.decimalValue().signum() < 0) throw new Unsupported();
            BigDecimal v = n.decimalValue();
            return v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) >= 0 ? Integer.MAX_VALUE : v.intValueExact();
        }
    }
}
