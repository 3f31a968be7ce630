package dev.bloodbank.engine;

import java.util.Map;

/** One message as it arrived on a queue, before anything was decided about it. */
public record Delivery(String queue, String routingKey, byte[] body, Map<String, Object> headers, boolean redelivered) {

    public Delivery {
        headers = headers == null ? Map.of() : headers;
    }

    /** The attempt this delivery is: 1 unless our attempt header says otherwise. */
    public int attempt() {
        Object value = headers.get(Headers.ATTEMPT);
        if (value instanceof Number n) return Math.max(1, n.intValue());
        if (value != null) {
            try {
                return Math.max(1, Integer.parseInt(value.toString()));
            } catch (NumberFormatException ignored) {
                return 1;
            }
        }
        return 1;
    }
}
