package dev.bloodbank.broker.management;

import java.util.Map;

/** An exchange as the management API describes it; {@code policy} is the effective policy, or null. */
public record ExchangeInfo(
        String name, String type, boolean durable, boolean autoDelete, boolean internal,
        Map<String, Object> arguments, String policy) {

    public ExchangeInfo {
        arguments = Map.copyOf(arguments);
    }
}
