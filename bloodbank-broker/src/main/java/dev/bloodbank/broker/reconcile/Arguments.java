package dev.bloodbank.broker.reconcile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Normalises argument and policy-definition values so that what Bloodbank declares and what the
 * management API reads back compare equal: JSON numbers come back as Integer, Long or Double
 * (1000, 1000.0), and a numeric argument set by hand as text ("1000") means the same to RabbitMQ.
 * Keys are sorted, so rendering and comparison are stable.
 */
final class Arguments {

    /** Arguments whose value RabbitMQ reads as a number. */
    private static final Set<String> NUMERIC = Set.of(
            "x-message-ttl", "x-expires", "x-max-length", "x-max-length-bytes", "x-max-priority",
            "x-delivery-limit", "x-quorum-initial-group-size", "x-max-in-memory-length",
            "x-max-in-memory-bytes", "message-ttl", "expires", "max-length", "max-length-bytes", "delivery-limit");

    private Arguments() {}

    /** A sorted, unmodifiable, normalised copy. */
    static Map<String, Object> normalise(Map<String, ?> arguments) {
        if (arguments == null || arguments.isEmpty()) return Map.of();
        TreeMap<String, Object> out = new TreeMap<>();
        arguments.forEach((k, v) -> {
            if (v != null) out.put(k, value(k, v));
        });
        return Collections.unmodifiableMap(out);
    }

    private static Object value(String key, Object v) {
        if (v instanceof Number n) return number(n);
        if (v instanceof String s && NUMERIC.contains(key)) {
            try {
                return number(new BigDecimal(s.trim()));
            } catch (NumberFormatException e) {
                return s;
            }
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> nested = new TreeMap<>();
            m.forEach((k, x) -> {
                if (x != null) nested.put(String.valueOf(k), value(String.valueOf(k), x));
            });
            return Collections.unmodifiableMap(nested);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) out.add(x == null ? null : value("", x));
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    private static Object number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) return n.longValue();
        BigDecimal d = n instanceof BigDecimal b ? b
                : n instanceof BigInteger i ? new BigDecimal(i)
                : new BigDecimal(n.toString());
        try {
            return d.longValueExact();
        } catch (ArithmeticException notIntegral) {
            return d.doubleValue();
        }
    }
}
