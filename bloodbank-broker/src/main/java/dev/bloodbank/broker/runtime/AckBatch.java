package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.Channel;
import java.io.IOException;

/**
 * The acknowledgements of one channel's deliveries, sent as one {@code basic.ack} with
 * {@code multiple} for a run of them instead of one frame per message: every frame the client
 * saves is CPU the broker, often on the same cores, gets back.
 *
 * <p>A channel's deliveries are handled one after another in delivery-tag order, each settled
 * before the next starts, so when delivery {@code n} is settled every earlier one is either
 * waiting here for its ack or already nacked: acknowledging up to {@code n} with {@code multiple}
 * acknowledges exactly the settled ones. A nack sends the acks waiting first. Acks go out when
 * {@code size} are waiting, and otherwise on the next {@link #flush()} (the runtime calls it every
 * few milliseconds and on shutdown), so a handled message stays unacknowledged only briefly; if
 * the connection is lost meanwhile the broker redelivers it, which at-least-once delivery and the
 * dedup store already allow for.
 */
final class AckBatch {

    private final Channel channel;
    private final int size;
    private long lastTag;
    private int waiting;

    /** Acks at the latest every {@code size} deliveries (1: every delivery on its own). */
    AckBatch(Channel channel, int size) {
        if (size < 1) throw new IllegalArgumentException("an ack batch holds at least 1 delivery, was " + size);
        this.channel = channel;
        this.size = size;
    }

    /** The batch for a consumer with this prefetch: a quarter of it, so the broker always has credit to send more. */
    static int sizeFor(int prefetch) {
        return prefetch <= 0 ? 64 : Math.max(1, prefetch / 4);
    }

    synchronized void ack(long deliveryTag) throws IOException {
        lastTag = deliveryTag;
        if (++waiting >= size) flush();
    }

    synchronized void nack(long deliveryTag, boolean requeue) throws IOException {
        flush();
        channel.basicNack(deliveryTag, false, requeue);
    }

    /** Sends the waiting acks, if any. */
    synchronized void flush() throws IOException {
        if (waiting == 0) return;
        // Counted as sent even if the write fails: a channel that cannot take the ack is gone, and
        // the broker requeues what it had unacknowledged.
        waiting = 0;
        channel.basicAck(lastTag, true);
    }

    synchronized int waiting() {
        return waiting;
    }
}
