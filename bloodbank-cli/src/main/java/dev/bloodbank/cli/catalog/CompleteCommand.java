package dev.bloodbank.cli.catalog;

import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The names the completion script offers that only the topology knows, one a line. Hidden: the
 * script calls it, people do not. A topology that cannot be read offers nothing and says nothing,
 * since a completion must never print an error into the user's command line.
 */
@Command(name = "__complete", hidden = true,
        header = "Print the topology's keys or consumer names, one a line, for shell completion.")
public final class CompleteCommand extends BloodbankCommand {

    enum Kind {
        /** Event and command keys: what show, publish and tail take. */
        keys,
        /** Subscription names: the services. */
        subscriptions,
        /** Subscription names and command keys: what dlq takes. */
        consumers
    }

    @Parameters(paramLabel = "KIND", description = "keys, subscriptions or consumers.")
    Kind kind;

    @Mixin
    TopologyOption topology;

    @Override
    public Integer call() {
        Topology loaded;
        try {
            loaded = topology.choose(environment()).load();
        } catch (RuntimeException unreadable) {
            return ExitCodes.USER_ERROR;
        }
        for (String name : names(loaded)) out().println(name);
        return ExitCodes.OK;
    }

    private List<String> names(Topology loaded) {
        List<String> names = new ArrayList<>();
        switch (kind) {
            case keys -> {
                names.addAll(loaded.events().keySet());
                names.addAll(loaded.commands().keySet());
            }
            case subscriptions -> names.addAll(loaded.subscriptions().keySet());
            case consumers -> {
                names.addAll(loaded.subscriptions().keySet());
                names.addAll(loaded.commands().keySet());
            }
        }
        return names;
    }
}
