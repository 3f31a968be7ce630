package dev.bloodbank.topology;

import java.util.List;

/** One consuming service: a durable queue bound to the events exchange with topic patterns. */
public record Subscription(String service, List<String> patterns, QueueSettings queue, Location location) {

    /** The queue of a subscription unless its declaration names one. */
    public static String defaultQueueName(String service) {
        return "bloodbank.sub." + service;
    }

    public Subscription {
        patterns = List.copyOf(patterns);
    }

    /** Whether this subscription receives events with this routing key. */
    public boolean receives(String eventKey) {
        for (String pattern : patterns) {
            if (TopicPattern.matches(pattern, eventKey)) return true;
        }
        return false;
    }
}
