package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.PolicyInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** A vhost policy; unlike exchanges and queues, every field of a policy can change in place. */
public record Policy(String name, String pattern, String applyTo, int priority, Map<String, Object> definition)
        implements BrokerObject {

    public Policy {
        definition = Arguments.normalise(definition);
    }

    static Policy from(PolicyInfo info) {
        return new Policy(info.name(), info.pattern(), info.applyTo(), info.priority(), info.definition());
    }

    PolicyInfo toInfo() {
        return new PolicyInfo(name, pattern, applyTo, priority, definition);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.POLICY;
    }

    @Override
    public String id() {
        return name;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pattern", pattern);
        p.put("apply-to", applyTo);
        p.put("priority", (long) priority);
        definition.forEach((k, v) -> p.put("definition." + k, v));
        return p;
    }
}
