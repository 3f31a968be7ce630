package dev.bloodbank.broker.management;

import java.util.Map;

/** A vhost policy as the management API describes it. */
public record PolicyInfo(String name, String pattern, String applyTo, int priority, Map<String, Object> definition) {

    public PolicyInfo {
        definition = Map.copyOf(definition);
    }
}
