package dev.bloodbank.broker.history;

import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Suggestions;
import dev.bloodbank.topology.TopicPattern;
import dev.bloodbank.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a replay sends: one subscription's queue or one command worker's queue, and the keys that
 * queue receives. A replay sends only those keys, so a consumer never gets a message it has no
 * handler for.
 */
public record ReplayTarget(String name, String queue, List<String> keys) {

    public ReplayTarget {
        keys = List.copyOf(keys);
    }

    /**
     * The subscription (by service name) or command worker (by command key) called {@code name}.
     *
     * @throws HistoryException naming the nearest target when there is none by that name
     */
    public static ReplayTarget of(Topology topology, String name) {
        Subscription subscription = topology.subscriptions().get(name);
        if (subscription != null) {
            List<String> keys = topology.events().keySet().stream().filter(subscription::receives).toList();
            return new ReplayTarget(name, subscription.queue().queue(), keys);
        }
        CommandDefinition command = topology.commands().get(name);
        if (command != null) return new ReplayTarget(name, command.worker().queue(), List.of(command.key()));
        List<String> names = new ArrayList<>(topology.subscriptions().keySet());
        names.addAll(topology.commands().keySet());
        throw new HistoryException("no subscription or command worker '" + name + "' in " + topology.source()
                + Suggestions.nearest(name, names).map(n -> "; did you mean '" + n + "'?").orElse(""));
    }

    /**
     * The keys this target receives that also match {@code pattern}.
     *
     * @throws HistoryException when the pattern is malformed, matches no key of the topology, or
     *     matches none this target receives
     */
    public List<String> select(Topology topology, String pattern) {
        TopicPattern.problem(pattern).ifPresent(problem -> {
            throw new HistoryException("--events '" + pattern + "' " + problem + " (a pattern is dot-separated words; '*' is one word, '#' any number)");
        });
        List<String> all = new ArrayList<>(topology.events().keySet());
        all.addAll(topology.commands().keySet());
        if (all.stream().noneMatch(k -> TopicPattern.matches(pattern, k)))
            throw new HistoryException("--events '" + pattern + "' matches no event or command of the topology"
                    + Suggestions.nearest(pattern, all).map(k -> "; did you mean '" + k + "'?").orElse(""));
        List<String> selected = keys.stream().filter(k -> TopicPattern.matches(pattern, k)).toList();
        if (selected.isEmpty())
            throw new HistoryException("--events '" + pattern + "' matches nothing " + name + " receives (it receives "
                    + String.join(", ", keys) + ")");
        return selected;
    }
}
