package dev.bloodbank.topology;

/**
 * The exchanges every message travels through. {@code unrouted} is the alternate exchange of the
 * events exchange: an event that no subscription wants is kept there, visible, instead of dropped.
 */
public record Exchanges(String events, String commands, String deadLetter, String unrouted) {

    public static final Exchanges DEFAULT = new Exchanges(
            "bloodbank.events.v1", "bloodbank.commands.v1", "bloodbank.dlx.v1", "bloodbank.unrouted.v1");
}
