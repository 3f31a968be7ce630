package dev.bloodbank.cli;

import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.broker.reconcile.BrokerTopologyException;
import dev.bloodbank.broker.reconcile.Plan;
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
                    + " bindings between the topology's own objects that it no longer lists"
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
            "  bloodbank plan -o json --detailed-exitcode > plan.json"
        })
final class PlanCommand extends BloodbankCommand {

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

    @Override
    public Integer call() {
        var loaded = topology.choose(environment()).load();
        Plan plan;
        try {
            plan = connection.reconciler(environment()).plan(loaded, prune);
        } catch (ManagementException e) {
            throw ConnectionOptions.failure(e);
        } catch (BrokerTopologyException e) {
            throw new UserError(e.getMessage());
        }
        if (output.json()) out().println(Json.pretty(PlanJson.of(plan)));
        else new PlanView(palette()).print(plan, out());
        return detailedExitCode && !plan.isEmpty() ? 2 : ExitCodes.OK;
    }
}
