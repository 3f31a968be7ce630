package dev.bloodbank.cli.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.broker.management.QuorumMembers;
import dev.bloodbank.broker.reconcile.BrokerTopology;
import dev.bloodbank.broker.reconcile.BrokerTopologyException;
import dev.bloodbank.broker.reconcile.LiveState;
import dev.bloodbank.broker.reconcile.Plan;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.broker.reconcile.ReplicaDrift;
import dev.bloodbank.broker.registry.RegistryException;
import dev.bloodbank.broker.registry.SchemaPlan;
import dev.bloodbank.broker.registry.SchemaRegistry;
import dev.bloodbank.broker.registry.TopologyOrigin;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TopologyFile;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "plan",
        header = "Show what apply would change on the broker to match the topology.",
        description = {
            "Reads the vhost through the RabbitMQ management API and compares it with what the topology"
                    + " needs: exchanges, queues (work, retry, dead-letter), bindings and policies. Changes"
                    + " print in the order apply makes them. Nothing on the broker is changed.",
            "",
            "  +    create",
            "  ~    update in place (policies)",
            "  -/+  replace: a property RabbitMQ cannot change in place (queue type, durability,"
                    + " x-arguments), with each field's current and desired value; apply refuses it unless"
                    + " --allow-recreate, and then re-creates a queue only while it is empty",
            "  -    delete: with --prune, objects Bloodbank owns that the topology no longer has; always,"
                    + " bindings between the topology's own objects that it no longer lists",
            "",
            "Then the schema registry (the stream " + BrokerTopology.SCHEMA_REGISTRY_STREAM + "): each event or command"
                    + " whose schema changed becomes a new version (+), unless the change breaks the key's"
                    + " compatibility mode against the registry's versions (the latest, or all for a transitive"
                    + " mode): then it is refused (!) with the JSON pointer, the rule and a hint, and apply"
                    + " records nothing for that key. `compatibility: NONE` on the key lets a break through.",
            "",
            "With --out FILE the plan is also saved (as the JSON of -o json), for `bloodbank apply --plan FILE`"
                    + " to carry out exactly that plan later, unless the broker changed in between."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success (with --detailed-exitcode: no changes).",
            "1:Error: invalid topology, unreachable broker, refused credentials.",
            "2:Usage error; with --detailed-exitcode: there are changes."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank plan -f topology.yaml",
            "  bloodbank plan --prune --amqp-url amqp://ops:secret@rabbit:5672/events",
            "  bloodbank plan -o json --detailed-exitcode > plan.json",
            "  bloodbank plan --out plan.json && bloodbank apply --plan plan.json"
        })
public final class PlanCommand extends BloodbankCommand {

    @Mixin
    TopologyOption topology;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Option(names = "--prune", description = "Also plan to delete objects Bloodbank owns that the topology no longer has.")
    boolean prune;

    @Option(names = "--detailed-exitcode", description = "Exit 0 when there are no changes, 2 when there are, 1 on error.")
    boolean detailedExitCode;

    @Option(names = "--out", paramLabel = "FILE", description = "Also save the plan to FILE, for apply --plan FILE.")
    Path saveTo;

    @Override
    public Integer call() {
        TopologyFile file = topology.choose(environment());
        Plan plan;
        SchemaPlan schemas;
        List<ReplicaDrift.UnderReplicated> drift;
        ObjectNode saved;   // the whole plan, broker objects and schemas, for apply --plan
        // The broker is read while the topology loads: neither needs the other until the diff. Errors
        // keep their order (the topology's, then the management API's, then the registry's): each
        // read's failure waits in its future until it is joined.
        ExecutorService reads = Executors.newFixedThreadPool(2, PlanCommand::daemon);
        try (PendingSchemaPlan pending = PendingSchemaPlan.start(() -> SchemaRegistry.connect(connection.amqpUrl(environment())))) {
            CompletableFuture<ManagementClient> client = CompletableFuture.supplyAsync(
                    () -> new ManagementClient(connection.address(environment())), reads);
            CompletableFuture<LiveState> live = client.thenApplyAsync(c -> new Reconciler(c).read(), reads);
            // the cluster-wide queue listing the drift needs is read beside the vhost's own objects
            CompletableFuture<List<QuorumMembers>> members = client.thenApplyAsync(ManagementClient::quorumQueues, reads);
            var loaded = file.load();
            BrokerTopology desired = BrokerTopology.derive(loaded);
            ManagementClient management = joined(client);
            plan = new Reconciler(management).plan(desired, joined(live), prune);
            drift = ReplicaDrift.find(desired, joined(members), management.vhost());
            schemas = pending.plan(loaded, TopologyOrigin.of(file.source()));
            saved = PlanJson.of(plan);
            saved.set("registry", pending.saved(schemas).toJson());
        } catch (RegistryException e) {
            throw new UserError(e.getMessage());
        } catch (ManagementException e) {
            throw ConnectionOptions.failure(e);
        } catch (BrokerTopologyException e) {
            throw new UserError(e.getMessage());
        } finally {
            reads.shutdownNow();
        }
        if (output.json()) {
            ObjectNode shown = withDrift(saved.deepCopy(), drift);
            shown.set("schemas", SchemaPlanView.json(schemas));
            out().println(JsonOutput.pretty(shown));
        } else {
            new PlanView(palette()).print(plan, out());
            printDrift(drift);
            new SchemaPlanView(palette()).print(schemas, SchemaPlanView.Tense.PLANNED, out());
        }
        if (saveTo != null) save(JsonOutput.pretty(saved));
        return detailedExitCode && !(plan.isEmpty() && drift.isEmpty() && schemas.isEmpty()) ? 2 : ExitCodes.OK;
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "bloodbank-plan-read");
        thread.setDaemon(true);
        return thread;
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private void printDrift(List<ReplicaDrift.UnderReplicated> drift) {
        if (drift.isEmpty()) return;
        out().println();
        out().println("Replication drift: apply cannot change it; members come back with their node, or add them with"
                + " rabbitmq-queues grow:");
        for (ReplicaDrift.UnderReplicated q : drift) {
            out().println("  " + palette().yellow("!") + " queue " + q.queue() + ": " + q.online().size() + " of " + q.wanted()
                    + " members online" + (q.down().isEmpty() ? "" : " (down: " + String.join(", ", q.down()) + ")")
                    + (q.members().size() < q.wanted() ? "; it has only " + q.members().size() + " members" : ""));
        }
    }

    /** The plan's JSON with the drift beside it; a saved plan leaves it out, apply cannot act on it. */
    private static ObjectNode withDrift(ObjectNode plan, List<ReplicaDrift.UnderReplicated> drift) {
        ArrayNode list = plan.putArray("underReplicated");
        for (ReplicaDrift.UnderReplicated q : drift) {
            ObjectNode n = list.addObject();
            n.put("queue", q.queue());
            n.put("wanted", q.wanted());
            q.members().forEach(n.putArray("members")::add);
            q.online().forEach(n.putArray("online")::add);
        }
        return plan;
    }

    private void save(String json) {
        try {
            Files.writeString(environment().workingDirectory().resolve(saveTo), json + System.lineSeparator());
        } catch (IOException e) {
            throw new UserError("cannot write the plan to " + saveTo + ": " + e.getMessage());
        }
        // Not on stdout when it carries JSON: scripts read that.
        (output.json() ? err() : out()).println("Saved the plan to " + saveTo + ". Apply exactly this plan with:"
                + " bloodbank apply --plan " + saveTo);
    }
}
