package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.QueueInfo;
import dev.bloodbank.topology.QueueType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A queue. Its type travels in {@code type}, not among the arguments: the broker reports a classic
 * queue declared without {@code x-queue-type} with no such argument, and the type is what matters.
 * Everything about a queue is fixed once declared.
 */
public record Queue(String name, String type, boolean durable, boolean autoDelete, boolean exclusive,
        Map<String, Object> arguments) implements BrokerObject {

    static final String QUEUE_TYPE = "x-queue-type";
    /** The type of a stream queue: not a {@link QueueType} a consumer may take, the type of the archive. */
    static final String STREAM = "stream";

    public Queue {
        Map<String, Object> withoutType = new TreeMap<>(arguments);
        withoutType.remove(QUEUE_TYPE);
        arguments = Arguments.normalise(withoutType);
    }

    /** A durable queue of this type with these arguments, as Bloodbank declares them. */
    public static Queue durable(String name, String type, Map<String, Object> arguments) {
        return new Queue(name, type, true, false, false, arguments);
    }

    static Queue from(QueueInfo info) {
        String type = info.type() == null || info.type().isEmpty() ? QueueType.CLASSIC.wireName() : info.type();
        return new Queue(info.name(), type, info.durable(), info.autoDelete(), info.exclusive(), info.arguments());
    }

    QueueInfo toInfo() {
        Map<String, Object> args = new TreeMap<>(arguments);
        args.put(QUEUE_TYPE, type);
        return new QueueInfo(name, type, durable, autoDelete, exclusive, args, null);
    }

    /**
     * The type as Bloodbank knows it; empty for a type it never declares (a stream queue of
     * another application), which the broker reports as it is.
     */
    public Optional<QueueType> queueType() {
        return Arrays.stream(QueueType.values()).filter(t -> t.wireName().equals(type)).findFirst();
    }

    /** Whether this queue dead-letters expired messages into {@code queue} through the default exchange. */
    boolean feeds(String queue) {
        return "".equals(arguments.get("x-dead-letter-exchange")) && queue.equals(arguments.get("x-dead-letter-routing-key"));
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.QUEUE;
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
        p.put("exclusive", exclusive);
        arguments.forEach((k, v) -> p.put("arguments." + k, v));
        return p;
    }
}
