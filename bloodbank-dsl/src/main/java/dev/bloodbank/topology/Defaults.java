package dev.bloodbank.topology;

import dev.bloodbank.schema.compat.CompatibilityMode;

/**
 * Settings every queue and every message takes unless its own declaration says otherwise.
 * {@code replicas} is the quorum replication factor ({@code x-quorum-initial-group-size}); 0 leaves
 * it to the broker.
 */
public record Defaults(QueueType queueType, int prefetch, RetryPolicy retry, int replicas, CompatibilityMode compatibility) {

    public static final Defaults DEFAULT = new Defaults(QueueType.QUORUM, 50, RetryPolicy.DEFAULT,
            QueueSettings.BROKER_DEFAULT_REPLICAS, CompatibilityMode.DEFAULT);

    /** With the broker's default replication factor and the default compatibility mode. */
    public Defaults(QueueType queueType, int prefetch, RetryPolicy retry) {
        this(queueType, prefetch, retry, QueueSettings.BROKER_DEFAULT_REPLICAS, CompatibilityMode.DEFAULT);
    }
}
