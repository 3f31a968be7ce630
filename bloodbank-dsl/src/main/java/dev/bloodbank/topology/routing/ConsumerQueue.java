package dev.bloodbank.topology.routing;

import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.TopicPattern;
import java.util.List;

/**
 * A queue handlers consume from (a command's worker queue or a subscription's queue) with
 * everything that stands behind it: the exchange and keys it is bound with, one retry queue per
 * distinct back-off delay (shortest first) and its dead-letter queue.
 */
public record ConsumerQueue(
        Consumer consumer,
        QueueSettings settings,
        String exchange,
        List<String> bindingKeys,
        List<RetryQueue> retryQueues,
        DeadLetterQueue deadLetterQueue) {

    public ConsumerQueue {
        bindingKeys = List.copyOf(bindingKeys);
        retryQueues = List.copyOf(retryQueues);
    }

    /** The work queue's name. */
    public String queue() {
        return settings.queue();
    }

    /** The binding keys that route {@code routingKey} here, in declaration order; empty when none does. */
    public List<String> keysMatching(String routingKey) {
        return bindingKeys.stream().filter(key -> TopicPattern.matches(key, routingKey)).toList();
    }
}
