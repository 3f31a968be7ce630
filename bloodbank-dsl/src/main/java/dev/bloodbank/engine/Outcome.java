package dev.bloodbank.engine;

import dev.bloodbank.envelope.Envelope;
import java.time.Duration;
import java.util.List;

/**
 * What must happen to one delivery. Deciding it is pure; carrying it out is the transport's job:
 * the RabbitMQ runtime and the in-memory test driver execute the same outcomes, which is why a
 * test on the driver predicts the behaviour on the broker.
 */
public sealed interface Outcome {

    /**
     * The handler succeeded: send its outputs, then call {@link QueueProcessor#committed}, then
     * acknowledge. Committing only after the outputs went out matters: if sending fails the
     * message is redelivered and must not then be mistaken for a duplicate.
     */
    record Handled(Envelope input, List<Outgoing> outputs, java.util.UUID dedupKey) implements Outcome {
        public Handled {
            outputs = List.copyOf(outputs);
        }

        /** Handled outside any replay: remembered under its event id. */
        public Handled(Envelope input, List<Outgoing> outputs) {
            this(input, outputs, input.eventId());
        }
    }

    /** The handler failed and attempts remain: move the message to {@code retryQueue} with attempt {@code nextAttempt}. */
    record Retry(String retryQueue, Duration delay, int nextAttempt, Failure failure) implements Outcome {}

    /** Nothing more can be done: move the message to the dead-letter queue with the failure in its headers. */
    record DeadLetter(String deadLetterQueue, int attempts, Failure failure) implements Outcome {}

    /** Already handled within the dedup window: acknowledge without handling. */
    record Duplicate() implements Outcome {}

    /** No handler of this service wants this message type: acknowledge and move on. */
    record Ignored() implements Outcome {}
}
