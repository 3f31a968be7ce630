package dev.bloodbank.broker.management;

import java.util.Map;

/**
 * A queue as the management API describes it. {@code messages} (ready and unacknowledged) is the
 * broker's last sample of the queue, seconds behind it, or null when not known: the listing
 * {@link ManagementClient#queues()} leaves it out. Decisions that could lose messages never rely
 * on it (see {@link QueueProbe}). {@code state} is the broker's ({@code running}, or
 * {@code live} in a listing without statistics, or {@code down} for a classic queue whose node is
 * not running); null when not reported.
 */
public record QueueInfo(
        String name, String type, boolean durable, boolean autoDelete, boolean exclusive,
        Map<String, Object> arguments, Long messages, String state) {

    /** A queue whose state is not known (one about to be declared, say). */
    public QueueInfo(String name, String type, boolean durable, boolean autoDelete, boolean exclusive,
            Map<String, Object> arguments, Long messages) {
        this(name, type, durable, autoDelete, exclusive, arguments, messages, null);
    }

    /** Whether the broker reports the queue down: its node is not running, so its bindings cannot be listed. */
    public boolean isDown() {
        return "down".equals(state);
    }

    public QueueInfo {
        arguments = Map.copyOf(arguments);
    }
}
