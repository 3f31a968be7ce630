package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.reconcile.Refusal.Attempt;
import java.util.Optional;

/**
 * A queue is never deleted while one of its retry queues holds messages: they dead-letter back
 * into it when their back-off expires and would be dropped while it is missing.
 */
final class RetryQueueGuard {

    private RetryQueueGuard() {}

    static Optional<Refusal> check(SafetyContext context, String queue, Attempt attempt) {
        for (Queue q : context.live().queues()) {
            if (q.name().equals(queue) || !q.feeds(queue)) continue;
            long messages = context.admin().depth(q.name()).map(BrokerAdmin.QueueDepth::messages).orElse(0L);
            if (messages > 0) return Optional.of(new Refusal.RetryQueueHoldsMessages(queue, q.name(), messages, attempt));
        }
        return Optional.empty();
    }
}
