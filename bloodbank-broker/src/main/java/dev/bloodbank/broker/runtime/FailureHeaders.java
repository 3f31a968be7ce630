package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.AMQP;
import dev.bloodbank.engine.Failure;
import java.time.Instant;

/** AMQP properties for a message moved to a retry or dead-letter queue; the headers come from the engine. */
final class FailureHeaders {

    private FailureHeaders() {}

    static AMQP.BasicProperties forRetry(AMQP.BasicProperties original, com.rabbitmq.client.Envelope delivered,
            String queue, String service, int nextAttempt, Failure failure) {
        return original.builder()
                .headers(dev.bloodbank.engine.FailureHeaders.forRetry(original.getHeaders(), delivered.getExchange(),
                        delivered.getRoutingKey(), queue, service, nextAttempt, failure))
                .expiration(null)
                .build();
    }

    static AMQP.BasicProperties forDeadLetter(AMQP.BasicProperties original, com.rabbitmq.client.Envelope delivered,
            String queue, String service, int attempts, Failure failure) {
        return original.builder()
                .headers(dev.bloodbank.engine.FailureHeaders.forDeadLetter(original.getHeaders(), delivered.getExchange(),
                        delivered.getRoutingKey(), queue, service, attempts, failure, Instant.now()))
                .expiration(null)
                // Persist even when a producer sent it transient: a dead letter is kept for a human.
                .deliveryMode(AmqpMessages.PERSISTENT)
                .build();
    }
}
