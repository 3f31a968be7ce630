package dev.bloodbank.engine;

import java.util.Map;

/** One message as it arrived on a queue, before anything was decided about it. */
public record Delivery(String queue, String routingKey, byte[] body, Map<String, Object> headers, boolean redelivered) {

    public Delivery {
        headers = headers == null ? Map.of() : headers;
    }

    /** The attempt this delivery is: 1 unless our attempt header says otherwise (a delivery is always at least the first). */
    public int attempt() {
        return FailureHeaders.attempt(headers).orElse(1);
    }
}
