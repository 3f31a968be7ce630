package dev.bloodbank.topology;

/**
 * The exchanges every message travels through. {@code unrouted} is the alternate exchange of the
 * events exchange: an event that no subscription wants is kept there, visible, instead of dropped.
 * {@code retry} is the direct exchange that takes a failed message to one of its queue's retry
 * queues, routed by the retry queue's name; it exists so that retries can be watched (the
 * dashboard counts them per event key), which a publish to the default exchange never can be.
 */
public record Exchanges(String events, String commands, String deadLetter, String unrouted, String retry) {

    public static final Exchanges DEFAULT = new Exchanges(
            "bloodbank.events.v1", "bloodbank.commands.v1", "bloodbank.dlx.v1", "bloodbank.unrouted.v1", "bloodbank.retry.v1");
}
