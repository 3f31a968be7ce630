package dev.bloodbank.topology;


import dev.bloodbank.schema.compat.CompatibilityMode;

/** Settings every queue and every message takes unless its own declaration says otherwise. */
public record Defaults(QueueType queueType, int prefetch, RetryPolicy retry, CompatibilityMode compatibility) {

    public static final Defaults DEFAULT = new Defaults(QueueType.QUORUM, 50, RetryPolicy.DEFAULT, CompatibilityMode.DEFAULT);

    /** Queue settings with the default compatibility mode. */
    public Defaults(QueueType queueType, int prefetch, RetryPolicy retry) {
        this(queueType, prefetch, retry, CompatibilityMode.DEFAULT);
    }
}
