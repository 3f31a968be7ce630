package dev.bloodbank.cli.catalog;

import dev.bloodbank.cli.UserError;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Suggestions;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.Consumer;
import dev.bloodbank.topology.routing.ConsumerQueue;
import dev.bloodbank.topology.routing.Routing;
import java.util.ArrayList;
import java.util.List;

/** Finds what a command-line argument names in the topology, or says what it might have meant. */
public final class CatalogLookup {

    private CatalogLookup() {}

    public static MessageDefinition message(Topology topology, String key) {
        return topology.message(key).orElseThrow(() -> {
            List<String> keys = new ArrayList<>(topology.events().keySet());
            keys.addAll(topology.commands().keySet());
            return unknown("no event or command '" + key + "' in the topology", key, keys, "`bloodbank list-events` lists every key");
        });
    }

    /** The work queue of a subscription (by service name) or of a command (by key). */
    public static ConsumerQueue consumerQueue(Topology topology, String name) {
        List<ConsumerQueue> queues = Routing.of(topology).consumerQueues();
        // a subscription's name wins over a command key, as the subscription is what operators name most
        for (ConsumerQueue queue : queues) {
            if (queue.consumer() instanceof Consumer.Subscriber s && s.service().equals(name)) return queue;
        }
        for (ConsumerQueue queue : queues) {
            if (queue.consumer() instanceof Consumer.Worker w && w.command().equals(name)) return queue;
        }
        List<String> names = new ArrayList<>(topology.subscriptions().keySet());
        names.addAll(topology.commands().keySet());
        return unknownThrow("no subscription or command '" + name + "' in the topology", name, names,
                "name a subscription (its service) or a command key; `bloodbank list-commands` lists the commands");
    }

    private static <T> T unknownThrow(String message, String wanted, List<String> candidates, String fallbackHint) {
        throw unknown(message, wanted, candidates, fallbackHint);
    }

    private static UserError unknown(String message, String wanted, List<String> candidates, String fallbackHint) {
        List<String> near = Suggestions.nearest(wanted, candidates, 3);
        return new UserError(message, near.isEmpty() ? fallbackHint : "did you mean " + String.join(", ", near) + "?");
    }
}
