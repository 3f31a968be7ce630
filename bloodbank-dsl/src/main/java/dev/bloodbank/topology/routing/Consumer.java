package dev.bloodbank.topology.routing;

/** Who consumes a queue: the workers of one command, or one subscribing service. */
public sealed interface Consumer {

    /** How messages name the consumer, e.g. {@code command agent.task.assign}. */
    String label();

    /** The competing workers of one command. */
    record Worker(String command) implements Consumer {
        @Override
        public String label() {
            return "command " + command;
        }
    }

    /** A service subscribed to events with topic patterns. */
    record Subscriber(String service) implements Consumer {
        @Override
        public String label() {
            return "subscription " + service;
        }
    }
}
