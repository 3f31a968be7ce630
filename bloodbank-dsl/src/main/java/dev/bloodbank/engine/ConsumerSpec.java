package dev.bloodbank.engine;

import dev.bloodbank.topology.QueueSettings;
import java.util.Map;
import java.util.Set;

/**
 * One consumer of one queue, as the DSL builds it: which service consumes, from which queue
 * (with its prefetch, retry policy and dead-letter queue), and the handler for each message key it
 * takes. Exceptions of a {@code nonRetryable} type skip the retries and dead-letter at once.
 */
public record ConsumerSpec(
        String service,
        QueueSettings queue,
        Map<String, MessageHandler> handlers,
        Set<Class<? extends Throwable>> nonRetryable) {

    public ConsumerSpec {
        handlers = Map.copyOf(handlers);
        nonRetryable = Set.copyOf(nonRetryable);
    }
}
