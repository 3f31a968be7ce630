package dev.bloodbank.broker.management;

/**
 * One consumer attached to a queue now, as the management API lists it.
 *
 * @param queue      the queue it consumes from
 * @param tag        its consumer tag, unique on its channel
 * @param connection the name the broker gives its connection (client address → broker address)
 * @param peerHost   the host the client connected from
 * @param prefetch   the channel's prefetch count, 0 for unlimited
 * @param active     false for a single-active-consumer standby
 */
public record ConsumerInfo(String queue, String tag, String connection, String peerHost, int prefetch, boolean active) {}
