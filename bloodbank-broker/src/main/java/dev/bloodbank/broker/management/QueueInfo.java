package dev.bloodbank.broker.management;

import java.util.Map;

/**
 * A queue as the management API describes it. {@code messages} and {@code consumers} come from the
 * statistics database, which lags the queue by seconds: null when not reported yet. Decisions
 * that could lose messages never rely on them (see {@link QueueProbe}).
 */
public record QueueInfo(
        String name, String type, boolean durable, boolean autoDelete, boolean exclusive,
        Map<String, Object> arguments, Long messages, Long consumers) {

    public QueueInfo {
        arguments = Map.copyOf(arguments);
    }
}
