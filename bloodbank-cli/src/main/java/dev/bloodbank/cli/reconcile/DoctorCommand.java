package dev.bloodbank.cli.reconcile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.health.BrokerReading;
import dev.bloodbank.broker.health.Diagnosis;
import dev.bloodbank.broker.health.Doctor;
import dev.bloodbank.broker.health.Finding;
import dev.bloodbank.broker.health.Status;
import dev.bloodbank.broker.health.TopologyDemand;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.broker.reconcile.BrokerTopologyException;
import dev.bloodbank.broker.reconcile.Plan;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "doctor",
        header = "Check the broker, and whether it can take the topology.",
        description = {
            "Reads the management API: the cluster's nodes and whether they run, their RabbitMQ versions,"
                    + " feature flags, memory and disk alarms, network partitions, file-handle and socket"
                    + " headroom, and the vhost's limits. Against the topology it checks that the queues"
                    + " apply would create fit in each node's file handles (see docs/cluster.md for what a"
                    + " queue of each type holds) and in the vhost's max-queues.",
            "",
            "apply runs the same checks first: it refuses on a failure, and on a warning unless --force."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Healthy: every check is ok.",
            "1:A check warns or fails, or the broker cannot be read."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank doctor",
            "  bloodbank doctor --no-topology -o json",
            "  bloodbank doctor -f topology.yaml --management-url http://rabbit-1:15672,http://rabbit-2:15672"
        })
public final class DoctorCommand extends BloodbankCommand {

    @Mixin
    TopologyOption topology;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Option(names = "--no-topology", description = "Check the broker alone, not whether the topology fits.")
    boolean noTopology;

    @Override
    public Integer call() {
        ManagementClient client = new ManagementClient(connection.address(environment()));
        Diagnosis diagnosis;
        TopologyDemand demand;
        try {
            Plan plan = noTopology ? null : new Reconciler(client).plan(topology.choose(environment()).load(), false);
            BrokerReading reading = BrokerReading.read(client);
            demand = plan == null ? TopologyDemand.NONE : TopologyDemand.of(plan, reading.nodes().size());
            diagnosis = Doctor.examine(reading, demand);
        } catch (ManagementException e) {
            throw ConnectionOptions.failure(e);
        } catch (BrokerTopologyException e) {
            throw new UserError(e.getMessage());
        }
        if (output.json()) out().println(JsonOutput.pretty(json(diagnosis, demand, client)));
        else print(diagnosis, client, out());
        return diagnosis.healthy() ? ExitCodes.OK : ExitCodes.USER_ERROR;
    }

    private void print(Diagnosis diagnosis, ManagementClient client, PrintWriter out) {
        out.println("Broker " + client.address().managementDisplay() + ", vhost '" + client.vhost() + "'"
                + (noTopology ? "" : ", with the topology") + ":");
        int width = diagnosis.findings().stream().mapToInt(f -> f.check().length()).max().orElse(0);
        for (Finding f : diagnosis.findings()) {
            out.println("  " + paint(f.status(), String.format("%-8s", f.status().label())) + " "
                    + String.format("%-" + width + "s", f.check()) + "  " + f.message());
        }
        if (diagnosis.healthy()) out.println(palette().green("Healthy."));
        else out.println(paint(diagnosis.worst(), "Not healthy: " + diagnosis.count(Status.FAILING) + " failing, "
                + diagnosis.count(Status.WARNING) + " warning" + (diagnosis.count(Status.WARNING) == 1 ? "" : "s") + "."));
    }

    private String paint(Status status, String text) {
        return switch (status) {
            case OK -> palette().green(text);
            case WARNING -> palette().yellow(text);
            case FAILING -> palette().red(text);
        };
    }

    private static ObjectNode json(Diagnosis diagnosis, TopologyDemand demand, ManagementClient client) {
        ObjectNode root = JsonOutput.object();
        root.put("managementUrl", client.address().managementDisplay());
        root.put("vhost", client.vhost());
        root.put("healthy", diagnosis.healthy());
        root.put("status", diagnosis.worst().label());
        ObjectNode topology = root.putObject("topologyDemand");
        topology.put("queuesCreated", demand.queues());
        topology.put("fileHandlesPerNode", demand.fileHandlesPerNode());
        ArrayNode checks = root.putArray("checks");
        for (Finding f : diagnosis.findings()) {
            ObjectNode c = checks.addObject();
            c.put("check", f.check());
            c.put("status", f.status().label());
            c.put("message", f.message());
        }
        return root;
    }
}
