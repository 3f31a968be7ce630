package dev.bloodbank.topology;

/** Settings every queue takes unless its own declaration says otherwise. */
public record Defaults(QueueType queueType, int prefetch, RetryPolicy retry) {

    public static final Defaults DEFAULT = new Defaults(QueueType.QUORUM, 50, RetryPolicy.DEFAULT);
}
