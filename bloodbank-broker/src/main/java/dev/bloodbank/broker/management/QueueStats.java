package dev.bloodbank.broker.management;

/**
 * What flows through a queue, as the management API's statistics report it. Counts are null when
 * the statistics database has not reported them yet (a queue declared a moment ago); rates are
 * messages per second averaged over the last sample window, 0 when nothing moved.
 *
 * @param ready        messages waiting to be delivered
 * @param unacked      messages delivered and not yet acknowledged
 * @param publishRate  messages entering the queue per second
 * @param deliverRate  messages delivered (to consumers or by basic.get) per second
 */
public record QueueStats(String name, Long ready, Long unacked, Long consumers, double publishRate, double deliverRate) {

    /** Ready plus unacknowledged messages, or null when either is unknown. */
    public Long depth() {
        return ready == null || unacked == null ? null : ready + unacked;
    }
}
