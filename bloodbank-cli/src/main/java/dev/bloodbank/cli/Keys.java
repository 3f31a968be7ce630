package dev.bloodbank.cli;

import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Suggestions;
import dev.bloodbank.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/** Finds what a command-line argument names in the topology, or says what it might have meant. */
final class Keys {

    private Keys() {}

    static MessageDefinition message(Topology topology, String key) {
        return topology.message(key).orElseThrow(() -> {
            List<String> keys = new ArrayList<>(topology.events().keySet());
            keys.addAll(topology.commands().keySet());
            return unknown("no event or command '" + key + "' in the topology", key, keys, "`bloodbank list-events` lists every key");
        });
    }

    /** The work queue of a subscription (by service name) or of a command (by key). */
    static QueueSettings consumerQueue(Topology topology, String name) {
        Subscription subscription = topology.subscriptions().get(name);
        if (subscription != null) return subscription.queue();
        CommandDefinition command = topology.commands().get(name);
        if (command != null) return command.worker();
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
