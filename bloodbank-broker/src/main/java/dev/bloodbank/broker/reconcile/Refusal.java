package dev.bloodbank.broker.reconcile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Why apply did not carry out a change, for safety: data that says what was kept and why, and how
 * a person proceeds. {@link #message()} is the text the CLI shows.
 */
public sealed interface Refusal {

    /** What was refused and why. */
    String reason();

    /** What to do next. */
    String howToProceed();

    default String message() {
        return reason() + ". " + howToProceed();
    }

    /** What apply was about to do when it refused. */
    enum Attempt {
        RECREATE("was not re-created", "re-run apply with --allow-recreate"),
        PRUNE("was kept", "re-run apply --prune");

        private final String outcome;
        private final String rerun;

        Attempt(String outcome, String rerun) {
            this.outcome = outcome;
            this.rerun = rerun;
        }
    }

    /**
     * A stream (the archive) would be deleted or re-created. A stream is history: apply never deletes
     * one, not even with --prune or --allow-recreate. Its message count cannot decide this: it lags
     * by seconds, and retention may have emptied a stream whose offsets readers still rely on.
     */
    record StreamHoldsHistory(String stream, boolean delete) implements Refusal {
        @Override
        public String reason() {
            return "stream " + stream + " was kept: a stream holds history (the archive), and apply never deletes one,"
                    + " not even with --prune or --allow-recreate; it would have been " + (delete ? "deleted" : "re-created");
        }

        @Override
        public String howToProceed() {
            return "To drop its history on purpose, delete it yourself (rabbitmqctl delete_queue " + stream
                    + "), then re-run apply.";
        }
    }

    /** A queue's fixed properties differ and --allow-recreate was not given. */
    record QueueCannotChangeInPlace(String queue, List<FieldChange> fields, Long messages) implements Refusal {
        public QueueCannotChangeInPlace {
            fields = List.copyOf(fields);
        }

        @Override
        public String reason() {
            String contents = messages == null ? "Its message count is not known"
                    : messages == 0 ? "It is empty now" : "It has " + Refusal.messages(messages);
            return "queue " + queue + " cannot change in place (" + Refusal.fields(fields) + "). " + contents;
        }

        @Override
        public String howToProceed() {
            String todo = messages != null && messages > 0
                    ? "Drain it (let its consumers finish, or move the messages with a shovel), stop its consumers, then"
                            + " re-run apply with --allow-recreate."
                    : "Stop its consumers, then re-run apply with --allow-recreate to delete and re-create it with its"
                            + " bindings (only while it is empty).";
            return todo + " Nothing that depends on it was changed.";
        }
    }

    /** An exchange's fixed properties differ and --allow-recreate was not given. */
    record ExchangeCannotChangeInPlace(String exchange, List<FieldChange> fields) implements Refusal {
        public ExchangeCannotChangeInPlace {
            fields = List.copyOf(fields);
        }

        @Override
        public String reason() {
            return "exchange " + exchange + " cannot change in place (" + Refusal.fields(fields) + ")";
        }

        @Override
        public String howToProceed() {
            return "Re-run apply with --allow-recreate to delete and re-declare it with its bindings; publishes to it"
                    + " fail (they are not lost silently) during the moment it is missing. Nothing that depends on it"
                    + " was changed.";
        }
    }

    /**
     * The queue's own count shows messages (or consumers): apply never deletes messages.
     * {@code bindingsRestored}: the queue had been fenced for the check and is bound again.
     */
    record QueueNotIdle(String queue, Attempt attempt, long messages, long consumers, boolean bindingsRestored)
            implements Refusal {
        @Override
        public String reason() {
            String holds = "it has " + Refusal.messages(messages) + (consumers > 0 ? " and " + consumers + " consumer(s)" : "");
            return "queue " + queue + " " + attempt.outcome + ": " + holds
                    + (attempt == Attempt.PRUNE ? ", and prune never deletes messages" : "");
        }

        @Override
        public String howToProceed() {
            return "Drain it" + (consumers > 0 ? " and stop its consumers" : "") + ", then " + attempt.rerun + "."
                    + (bindingsRestored ? " Its bindings were restored." : "")
                    + (attempt == Attempt.RECREATE ? " Nothing that depends on it was changed." : "");
        }
    }

    /** A classic queue the broker itself would not delete, in the same step as the check. */
    record BrokerKeptBusyQueue(String queue, Attempt attempt) implements Refusal {
        @Override
        public String reason() {
            return "queue " + queue + " " + attempt.outcome + ": the broker refused to delete it because it has messages"
                    + " or consumers" + (attempt == Attempt.PRUNE ? ", and prune never deletes messages" : "");
        }

        @Override
        public String howToProceed() {
            return "Drain it and stop its consumers, then " + attempt.rerun + "."
                    + (attempt == Attempt.RECREATE ? " Nothing that depends on it was changed." : "");
        }
    }

    /**
     * A retry queue of the queue holds messages that will dead-letter back into it; while the
     * queue is missing they would be dropped.
     */
    record RetryQueueHoldsMessages(String queue, String retryQueue, long messages, Attempt attempt) implements Refusal {
        @Override
        public String reason() {
            return "queue " + queue + " " + attempt.outcome + ": its retry queue " + retryQueue + " holds " + messages
                    + " message(s) that will return to it";
        }

        @Override
        public String howToProceed() {
            return "Wait until they are back in the queue and consumed, then " + attempt.rerun + ".";
        }
    }

    /** Re-creating the exchange would delete a binding of an object Bloodbank does not own. */
    record ForeignBinding(String exchange, String destination) implements Refusal {
        @Override
        public String reason() {
            return "exchange " + exchange + " was not re-created: " + destination + ", which Bloodbank does not own, is"
                    + " bound to it; deleting the exchange would delete that binding";
        }

        @Override
        public String howToProceed() {
            return "Move that binding away first, then re-run apply with --allow-recreate.";
        }
    }

    /** An exchange to prune is still the source of bindings the plan does not delete. */
    record ExchangeInUse(String exchange) implements Refusal {
        @Override
        public String reason() {
            return "exchange " + exchange + " was kept: it is still the source of bindings (of objects Bloodbank does"
                    + " not own, or of queues it kept)";
        }

        @Override
        public String howToProceed() {
            return "Remove those bindings, then re-run apply --prune.";
        }
    }

    private static String fields(List<FieldChange> fields) {
        return fields.stream()
                .map(f -> f.field() + ": " + PropertyValues.show(f.current()) + " -> " + PropertyValues.show(f.desired()))
                .collect(Collectors.joining(", "));
    }

    private static String messages(long n) {
        return n + " message" + (n == 1 ? "" : "s");
    }
}
