package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.bloodbank.engine.Delivery;
import dev.bloodbank.engine.FailureHeaders;
import dev.bloodbank.engine.Headers;
import dev.bloodbank.engine.Outcome;
import dev.bloodbank.engine.Outgoing;
import dev.bloodbank.engine.QueueProcessor;
import dev.bloodbank.envelope.EnvelopeCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One consumer on one channel: takes a delivery, lets the {@link QueueProcessor} decide, carries
 * the outcome out and only then acknowledges. Every move to another queue (outputs, retry,
 * dead-letter) waits for the broker's confirm first; if it fails the delivery is returned to its
 * queue (nack, requeue), so a message is never acknowledged before it is safe somewhere else.
 * Acknowledgements go out in runs ({@link AckBatch}).
 */
final class QueueWorker extends DefaultConsumer {

    private static final System.Logger LOG = System.getLogger(QueueWorker.class.getName());
    /** A pause before giving a message back after a failed move, so a broken route does not spin. */
    private static final long REQUEUE_PAUSE_MILLIS = 500;

    private final QueueProcessor processor;
    private final Publisher publisher;
    private final String queue;
    private final String service;
    private final String deadLetterExchange;
    private final String retryExchange;
    private final long confirmWaitMillis;
    private final InFlight inFlight;
    private final AckBatch acks;
    private volatile boolean stopping;
    private volatile String tag;

    QueueWorker(Channel channel, QueueProcessor processor, Publisher publisher, String retryExchange, RuntimeSettings settings,
                InFlight inFlight) {
        super(channel);
        this.acks = new AckBatch(channel, AckBatch.sizeFor(processor.spec().queue().prefetch()));
        this.processor = processor;
        this.publisher = publisher;
        this.queue = processor.spec().queue().queue();
        this.service = processor.spec().service();
        this.deadLetterExchange = processor.topology().exchanges().deadLetter();
        this.retryExchange = retryExchange;
        this.confirmWaitMillis = settings.confirmTimeout().toMillis() + 1_000;
        this.inFlight = inFlight;
    }

    void start() throws IOException {
        tag = getChannel().basicConsume(queue, false, this);
    }

    /** Stops taking deliveries; those already running finish and are acknowledged. */
    void stop() {
        stopping = true;
        String consumerTag = tag;
        try {
            if (consumerTag != null && getChannel().isOpen()) getChannel().basicCancel(consumerTag);
        } catch (IOException | AlreadyClosedException e) {
            LOG.log(System.Logger.Level.DEBUG, "cancelling consumer on " + queue, e);
        }
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        inFlight.begin();
        try {
            long deliveryTag = envelope.getDeliveryTag();
            if (stopping) {
                // Prefetched but not started: give it back for the next consumer.
                settle(deliveryTag, false);
                return;
            }
            Delivery delivery = new Delivery(queue, envelope.getRoutingKey(), body, properties.getHeaders(), envelope.isRedeliver());
            Outcome outcome = processor.process(delivery);
            settle(deliveryTag, carryOut(outcome, envelope, properties, body));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure handling a delivery on " + queue + "; returning it to the queue", e);
            settle(envelope.getDeliveryTag(), false);
        } finally {
            inFlight.end();
        }
    }

    /** Whether the outcome is carried out, so that the delivery may be acknowledged. */
    private boolean carryOut(Outcome outcome, Envelope delivered, AMQP.BasicProperties properties, byte[] body) {
        if (outcome instanceof Outcome.Handled handled) {
            if (!handled.outputs().isEmpty()) {
                CompletableFuture<?>[] sends = new CompletableFuture<?>[handled.outputs().size()];
                for (int i = 0; i < sends.length; i++) {
                    Outgoing out = handled.outputs().get(i);
                    sends[i] = publisher.send(out.exchange(), out.routingKey(), publisher.properties(out.envelope()),
                            EnvelopeCodec.standard().encode(out.envelope()), out.routingKey());
                }
                if (!confirmed(CompletableFuture.allOf(sends), "outputs of " + handled.input().eventType())) return false;
            }
            processor.committed(handled);
            return true;
        }
        if (outcome instanceof Outcome.Retry retry) {
            AMQP.BasicProperties copy = AmqpMessages.retried(properties, FailureHeaders.forRetry(properties.getHeaders(),
                    delivered.getExchange(), delivered.getRoutingKey(), queue, service, retry.nextAttempt(), retry.failure()));
            // Routed by the retry queue's name (see RetryExchange); its TTL dead-letters the message back here.
            return confirmed(publisher.send(retryExchange, retry.retryQueue(), copy, body, keyOf(properties, delivered)),
                    "retry to " + retry.retryQueue());
        }
        if (outcome instanceof Outcome.DeadLetter dead) {
            AMQP.BasicProperties copy = AmqpMessages.deadLettered(properties, FailureHeaders.forDeadLetter(properties.getHeaders(),
                    delivered.getExchange(), delivered.getRoutingKey(), queue, service, dead.attempts(), dead.failure(), Instant.now()));
            return confirmed(publisher.send(deadLetterExchange, queue, copy, body, keyOf(properties, delivered)),
                    "dead-letter to " + dead.deadLetterQueue());
        }
        // Duplicate and Ignored: nothing to do but acknowledge.
        return true;
    }

    /**
     * The event key a moved message is counted under. Not the delivery's routing key: after a retry
     * the message comes back through the default exchange, routed by the work queue's name.
     */
    static String keyOf(AMQP.BasicProperties properties, Envelope delivered) {
        if (properties.getType() != null && !properties.getType().isEmpty()) return properties.getType();
        Object original = properties.getHeaders() == null ? null : properties.getHeaders().get(Headers.ORIGINAL_ROUTING_KEY);
        return original != null ? original.toString() : delivered.getRoutingKey();
    }

    private boolean confirmed(CompletableFuture<?> future, String what) {
        try {
            future.get(confirmWaitMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.log(System.Logger.Level.WARNING, "service " + service + ": " + what + " failed (" + cause.getMessage()
                    + "); the message goes back to " + queue);
            pause();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(REQUEUE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void settle(long deliveryTag, boolean ack) {
        try {
            if (ack) acks.ack(deliveryTag);
            else acks.nack(deliveryTag, true);
        } catch (IOException | AlreadyClosedException e) {
            // The channel is gone: the broker requeues everything unacknowledged on it.
            LOG.log(System.Logger.Level.DEBUG, "settling delivery on a closed channel of " + queue, e);
        }
    }

    /** Sends the acknowledgements waiting in the batch (every few milliseconds, and at shutdown). */
    void flushAcks() {
        try {
            acks.flush();
        } catch (IOException | AlreadyClosedException e) {
            LOG.log(System.Logger.Level.DEBUG, "acknowledging on a closed channel of " + queue, e);
        }
    }
}
