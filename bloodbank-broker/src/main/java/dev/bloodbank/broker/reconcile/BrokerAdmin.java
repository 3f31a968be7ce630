package dev.bloodbank.broker.reconcile;

import java.util.Optional;

/**
 * What apply needs of a broker: declare and delete its objects, and ask a queue how much it holds.
 * The safety policies see only this, so that each rule is tested on an in-memory broker and the
 * real implementation ({@link ManagementBrokerAdmin}) is proven once on RabbitMQ.
 */
interface BrokerAdmin {

    /** What a queue holds right now: ready messages and consumers. */
    record QueueDepth(long messages, long consumers) {
        boolean idle() {
            return messages == 0 && consumers == 0;
        }
    }

    void declare(Exchange exchange);

    void declare(Queue queue);

    void bind(Binding binding);

    void unbind(Binding binding);

    void putPolicy(Policy policy);

    void deletePolicy(String name);

    /**
     * Deletes the exchange only if no binding has it as source, checked by the broker in the same
     * step; false when it was kept for that reason.
     */
    boolean deleteExchangeIfUnused(String name);

    void deleteExchange(String name);

    /**
     * Deletes the queue only if it has neither messages nor consumers, checked by the broker in
     * the same step; false when it was kept for that reason. Classic queues only: RabbitMQ's
     * quorum queues do not support the check.
     */
    boolean deleteQueueIfIdle(String name);

    void deleteQueue(String name);

    /** The queue's own count, exact (not statistics); empty when the queue does not exist. */
    Optional<QueueDepth> depth(String queue);
}
