package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Format;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One draft-7 keyword (or a whole schema object) compiled to a test on a Jackson tree, for
 * {@link CompiledCheck}. Every rule is true for a value of a type it does not constrain, as the
 * specification has it ({@code minLength} says nothing of a number). Rules never allocate on a
 * valid payload except where the keyword itself needs it ({@code propertyNames} wraps each name).
 */
sealed interface Rule {

    boolean test(JsonNode value);

    /** {@code true} or {@code false} as a schema. */
    record Always(boolean verdict) implements Rule {
        public boolean test(JsonNode value) {
            return verdict;
        }
    }

    /** A schema object: every keyword holds. */
    record All(Rule[] rules) implements Rule {
        public boolean test(JsonNode value) {
            for (Rule rule : rules) if (!rule.test(value)) return false;
            return true;
        }
    }

    record Any(Rule[] rules) implements Rule {
        public boolean test(JsonNode value) {
            for (Rule rule : rules) if (rule.test(value)) return true;
            return false;
        }
    }

    record ExactlyOne(Rule[] rules) implements Rule {
        public boolean test(JsonNode value) {
            int passed = 0;
            for (Rule rule : rules) if (rule.test(value) && ++passed > 1) return false;
            return passed == 1;
        }
    }

    record Not(Rule rule) implements Rule {
        public boolean test(JsonNode value) {
            return !rule.test(value);
        }
    }

    /** {@code if}, {@code then}, {@code else}; a missing branch is {@code true}. */
    record Conditional(Rule condition, Rule then, Rule otherwise) implements Rule {
        public boolean test(JsonNode value) {
            return condition.test(value) ? then.test(value) : otherwise.test(value);
        }
    }

    /** A {@code $ref}: the target is set once compiled, which lets a schema refer to itself. */
    final class Ref implements Rule {
        private Rule target;

        void resolve(Rule target) {
            this.target = target;
        }

        Rule target() {
            return target;
        }

        public boolean test(JsonNode value) {
            return target.test(value);
        }
    }

    /** {@code type}, as a mask of {@link JsonTypes} bits. */
    record TypeIs(int mask) implements Rule {
        public boolean test(JsonNode value) {
            return (JsonTypes.of(value) & mask) != 0;
        }
    }

    /** {@code properties}: the rule of each declared name that the object has. */
    record Properties(String[] names, Rule[] rules) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isObject()) return true;
            for (int i = 0; i < names.length; i++) {
                JsonNode v = value.get(names[i]);
                if (v != null && !rules[i].test(v)) return false;
            }
            return true;
        }
    }

    /**
     * {@code patternProperties} and {@code additionalProperties} together, since a property is
     * additional when neither {@code properties} nor a pattern names it.
     */
    record OtherProperties(java.util.Set<String> declared, Pattern[] patterns, Rule[] patternRules, Rule additional)
            implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isObject()) return true;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                boolean matched = false;
                for (int i = 0; i < patterns.length; i++) {
                    if (patterns[i].matcher(name).find()) {
                        if (!patternRules[i].test(field.getValue())) return false;
                        matched = true;
                    }
                }
                if (!matched && additional != null && !declared.contains(name) && !additional.test(field.getValue()))
                    return false;
            }
            return true;
        }
    }

    record Required(String[] names) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isObject()) return true;
            for (String name : names) if (!value.has(name)) return false;
            return true;
        }
    }

    /** {@code dependencies}: when the object has {@code name}, it has these too, or meets the rule. */
    record Dependency(String name, String[] required, Rule rule) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isObject() || !value.has(name)) return true;
            if (rule != null) return rule.test(value);
            for (String other : required) if (!value.has(other)) return false;
            return true;
        }
    }

    record PropertyNames(Rule rule) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isObject()) return true;
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); )
                if (!rule.test(TextNode.valueOf(it.next()))) return false;
            return true;
        }
    }

    record PropertyCount(int min, int max) implements Rule {
        public boolean test(JsonNode value) {
            return !value.isObject() || (value.size() >= min && value.size() <= max);
        }
    }

    /** {@code items} as one schema for every element. */
    record Items(Rule rule) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isArray()) return true;
            for (JsonNode element : value) if (!rule.test(element)) return false;
            return true;
        }
    }

    /** {@code items} as an array (one schema per position) with {@code additionalItems} for the rest. */
    record Tuple(Rule[] positions, Rule additional) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isArray()) return true;
            for (int i = 0; i < value.size(); i++) {
                Rule rule = i < positions.length ? positions[i] : additional;
                if (rule != null && !rule.test(value.get(i))) return false;
            }
            return true;
        }
    }

    record Contains(Rule rule) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isArray()) return true;
            for (JsonNode element : value) if (rule.test(element)) return true;
            return false;
        }
    }

    record ItemCount(int min, int max) implements Rule {
        public boolean test(JsonNode value) {
            return !value.isArray() || (value.size() >= min && value.size() <= max);
        }
    }

    record UniqueItems() implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isArray()) return true;
            for (int i = 1; i < value.size(); i++)
                for (int j = 0; j < i; j++)
                    if (JsonValues.equal(value.get(i), value.get(j))) return false;
            return true;
        }
    }

    /** {@code minLength} and {@code maxLength}, in code points as the specification counts. */
    record Length(int min, int max) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isTextual()) return true;
            String s = value.textValue();
            int chars = s.length();
            // a string has at most as many code points as chars and at least half as many: most need no count
            if (chars < min) return false;
            if (chars <= max && (chars + 1) / 2 >= min) return true;
            int n = s.codePointCount(0, chars);
            return n >= min && n <= max;
        }
    }

    /** {@code pattern}: the regular expression found anywhere in the string, unanchored. */
    record Matches(Pattern pattern) implements Rule {
        public boolean test(JsonNode value) {
            return !value.isTextual() || pattern.matcher(value.textValue()).find();
        }
    }

    /** {@code format}, by the same format checks as networknt's validator. */
    record Formatted(Format format) implements Rule {
        public boolean test(JsonNode value) {
            return !value.isTextual() || format.matches(null, null, value.textValue());
        }
    }

    /** {@code format: uri}: the plain shape of most URIs at once, anything else by networknt's check. */
    record FormattedUri(Format format) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isTextual()) return true;
            String s = value.textValue();
            return PlainUri.accepts(s) || format.matches(null, null, s);
        }
    }

    /** {@code minimum}, {@code maximum} and their exclusive forms. */
    record Bound(JsonValues.Limit limit, boolean lower, boolean exclusive) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isNumber()) return true;
            int c = limit.compareTo(value);
            // c is the limit against the value: a lower limit must be below it, an upper one above
            if (lower) return exclusive ? c < 0 : c <= 0;
            return exclusive ? c > 0 : c >= 0;
        }
    }

    record MultipleOf(BigDecimal divisor) implements Rule {
        public boolean test(JsonNode value) {
            if (!value.isNumber()) return true;
            if (value.isDouble() && !Double.isFinite(value.doubleValue())) return false;
            return JsonValues.decimal(value).remainder(divisor).signum() == 0;
        }
    }

    /** {@code enum}, and {@code const} as an enum of one. */
    record OneOfValues(JsonNode[] values) implements Rule {
        public boolean test(JsonNode value) {
            for (JsonNode allowed : values) if (JsonValues.equal(allowed, value)) return true;
            return false;
        }
    }
}
