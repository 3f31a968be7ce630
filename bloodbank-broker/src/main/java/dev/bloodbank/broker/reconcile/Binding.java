package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.BindingInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A binding from an exchange to a queue (or exchange). It has no properties of its own: every
 * field is part of its identity, so a binding is only ever created or deleted.
 */
public record Binding(String source, String destination, String destinationType, String routingKey,
        Map<String, Object> arguments) implements BrokerObject {

    public Binding {
        arguments = Arguments.normalise(arguments);
    }

    /** A binding of a queue to an exchange with a routing key (or topic pattern), no arguments. */
    public static Binding queue(String exchange, String queue, String routingKey) {
        return new Binding(exchange, queue, "queue", routingKey, Map.of());
    }

    static Binding from(BindingInfo info) {
        return new Binding(info.source(), info.destination(), info.destinationType(), info.routingKey(), info.arguments());
    }

    BindingInfo toInfo(String propertiesKey) {
        return new BindingInfo(source, destination, destinationType, routingKey, arguments, propertiesKey);
    }

    boolean touches(String name) {
        return source.equals(name) || destination.equals(name);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.BINDING;
    }

    @Override
    public String id() {
        String target = "queue".equals(destinationType) ? destination : destinationType + " " + destination;
        return source + " -> " + target + " [" + routingKey + "]" + (arguments.isEmpty() ? "" : " " + arguments);
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", source);
        p.put("destination", destination);
        p.put("routing_key", routingKey);
        arguments.forEach((k, v) -> p.put("arguments." + k, v));
        return p;
    }
}
