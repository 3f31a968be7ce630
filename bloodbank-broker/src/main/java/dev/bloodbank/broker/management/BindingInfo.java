package dev.bloodbank.broker.management;

import java.util.Map;

/**
 * A binding as the management API describes it. {@code propertiesKey} identifies it in the API's
 * delete path; null for a binding not read from the broker.
 */
public record BindingInfo(
        String source, String destination, String destinationType, String routingKey,
        Map<String, Object> arguments, String propertiesKey) {

    public BindingInfo {
        arguments = Map.copyOf(arguments);
    }
}
