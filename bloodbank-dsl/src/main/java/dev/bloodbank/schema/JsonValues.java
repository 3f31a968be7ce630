package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/** Equality and order of JSON values as JSON Schema has them: numbers by value, objects unordered. */
final class JsonValues {

    private JsonValues() {}

    /** Whether two values are equal as {@code enum}, {@code const} and {@code uniqueItems} compare: 1 equals 1.0. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if ((a.isInt() || a.isLong()) && (b.isInt() || b.isLong())) return a.longValue() == b.longValue();
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) return false;
        if (a.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!equal(a.get(i), b.get(i))) return false;
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !equal(field.getValue(), other)) return false;
            }
            return true;
        }
        return a.equals(b); // strings, booleans, null
    }

    /** The number as written, for a double the shortest decimal that reads back as it. */
    static BigDecimal decimal(JsonNode number) {
        if (number.isDouble() || number.isFloat()) return new BigDecimal(Double.toString(number.doubleValue()));
        return number.decimalValue();
    }

    /**
     * A bound of {@code minimum}, {@code maximum} and their exclusive forms, compared with a value
     * in {@code long} or {@code double} arithmetic when that is exact, else as decimals.
     */
    record Limit(BigDecimal value, boolean isLong, long longValue, boolean isExactDouble, double doubleValue) {

        static Limit of(JsonNode bound) {
            BigDecimal d = decimal(bound);
            boolean isLong = (bound.isInt() || bound.isLong());
            double asDouble = d.doubleValue();
            boolean exactDouble = Double.isFinite(asDouble) && new BigDecimal(asDouble).compareTo(d) == 0;
            return new Limit(d, isLong, isLong ? bound.longValue() : 0, exactDouble, asDouble);
        }

        /** Negative when this limit is below the value, zero when equal, positive when above. */
        int compareTo(JsonNode value) {
            if (isLong && (value.isInt() || value.isLong())) return Long.compare(longValue, value.longValue());
            if (isExactDouble && value.isDouble()) {
                double v = value.doubleValue();
                if (Double.isFinite(v)) return doubleValue < v ? -1 : doubleValue > v ? 1 : 0;
            }
            if (value.isDouble() && Double.isInfinite(value.doubleValue())) return value.doubleValue() > 0 ? -1 : 1;
            return this.value.compareTo(decimal(value));
        }
    }
}
