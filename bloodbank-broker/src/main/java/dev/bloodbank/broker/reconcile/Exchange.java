package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.ExchangeInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** An exchange: type, flags and arguments are all fixed once declared. */
public record Exchange(String name, String type, boolean durable, boolean autoDelete, boolean internal,
        Map<String, Object> arguments) implements BrokerObject {

    public Exchange {
        arguments = Arguments.normalise(arguments);
    }

    /** A durable exchange of this type without arguments, as Bloodbank declares them. */
    public static Exchange durable(String name, String type) {
        return new Exchange(name, type, true, false, false, Map.of());
    }

    static Exchange from(ExchangeInfo info) {
        return new Exchange(info.name(), info.type(), info.durable(), info.autoDelete(), info.internal(), info.arguments());
    }

    ExchangeInfo toInfo() {
        return new ExchangeInfo(name, type, durable, autoDelete, internal, arguments, null);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.EXCHANGE;
    }

    @Override
    public String id() {
        return name;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
        p.put("durable", durable);
        p.put("auto_delete", autoDelete);
        p.put("internal", internal);
        arguments.forEach((k, v) -> p.put("arguments." + k, v));
        return p;
    }
}
