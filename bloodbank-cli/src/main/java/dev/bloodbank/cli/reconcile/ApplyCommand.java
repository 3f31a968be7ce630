package dev.bloodbank.cli.reconcile;

import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.ApplyReport;
import dev.bloodbank.broker.reconcile.BrokerTopologyException;
import dev.bloodbank.broker.reconcile.Plan;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.broker.reconcile.StalePlanException;
import dev.bloodbank.broker.registry.RegistryException;
import dev.bloodbank.broker.registry.SchemaPlan;
import dev.bloodbank.broker.registry.SchemaRegistry;
import dev.bloodbank.broker.registry.TopologyOrigin;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.TopologyFile;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "apply",
        header = "Make the broker match the topology.",
        description = {
            "Plans (see `bloodbank help plan`) and carries the plan out in dependency order: exchanges,"
                    + " queues, bindings, policies, then deletions in reverse. Prints what it did with each"
                    + " object and a summary. Safe by default:",
            "",
            "  - a change RabbitMQ cannot make in place is refused with what to do, and nothing that"
                    + " depends on it is changed; with --allow-recreate the exchange or queue is deleted and"
                    + " re-created with its bindings, a queue only while it is empty: messages are never deleted;",
            "  - --prune deletes only objects Bloodbank owns (named in the topology or prefixed"
                    + " bloodbank.), never amq.*, never other applications' objects, never a queue with messages;",
            "  - after a failure it reports what was done, what failed and what was not attempted; run it"
                    + " again to finish.",
            "",
            "With --plan FILE (saved by `bloodbank plan --out FILE` or `plan -o json`) it carries out exactly"
                    + " that plan instead of planning anew: it reads the broker and the schema registry again and"
                    + " refuses the plan, changing nothing, if the broker's objects or the registry's versions changed"
                    + " since the plan was made. The plan says whether it prunes.",
            "",
            "Then it records each changed schema as a new version in the schema registry (see `bloodbank"
                    + " help plan`), and refuses, with exit 1, each that breaks its key's compatibility mode; with"
                    + " --plan, exactly the versions the saved plan lists (a plan saved before this release lists none).",
            "",
            "First it runs the checks of `bloodbank doctor` against what it would create: it refuses with one"
                    + " line while a memory or disk alarm is on, a network partition is seen, or the new queues"
                    + " would exhaust a node's file handles or the vhost's max-queues; on a warning (a node down,"
                    + " file handles nearly used up) it refuses unless --force."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:The broker matches the topology.",
            "1:Error, or a change was refused or failed (see the output).",
            "2:Usage error."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank apply -f topology.yaml",
            "  bloodbank apply --dry-run --prune",
            "  bloodbank apply --allow-recreate",
            "  bloodbank apply --force",
            "  bloodbank apply --plan plan.json"
        })
public final class ApplyCommand extends BloodbankCommand {

    @Mixin
    TopologyOption topology;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--prune", description = "Also delete objects Bloodbank owns that the topology no longer has (empty queues only).")
    boolean prune;

    @Option(names = "--allow-recreate", description = "Delete and re-create exchanges and empty queues whose fixed properties changed.")
    boolean allowRecreate;

    @Option(names = "--dry-run", description = "Show what apply would do, including what it would refuse; change nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Apply although a check of `bloodbank doctor` warns; never past a failing one (an alarm).")
    boolean force;

    @Option(names = "--plan", paramLabel = "FILE", description = "Carry out this saved plan, if the broker and the schema registry have not changed since it was made.")
    Path planFile;

    @Override
    public Integer call() {
        if (planFile != null && prune)
            throw new ParameterException(spec.commandLine(), "--prune cannot be combined with --plan: the saved plan says"
                    + " whether it prunes (make it with plan --prune --out FILE)");
        ApplyOptions options = ApplyOptions.DEFAULT.withPrune(prune).withAllowRecreate(allowRecreate).withDryRun(dryRun);
        ApplyReport report;
        SchemaPlan schemas = null;
        String notRecorded = null;
        try {
            ManagementClient client = new ManagementClient(connection.address(environment()));
            Reconciler reconciler = new Reconciler(client);
            if (planFile != null) {
                PlanJson.Saved saved = PlanJson.readSaved(environment().workingDirectory().resolve(planFile));
                Plan plan = saved.plan();
                BrokerCheckup.beforeApply(BrokerCheckup.diagnose(client, plan), force, err());
                if (saved.schemas().isEmpty()) {
                    report = reconciler.apply(plan, options);
                } else {
                    // a plan older than the registry's last change is refused before anything changes
                    try (SchemaRegistry registry = SchemaRegistry.connect(connection.amqpUrl(environment()))) {
                        try {
                            registry.checkUnchanged(saved.schemas().get());
                        } catch (RegistryException e) {
                            throw new UserError(planFile + ": " + e.getMessage());
                        }
                        schemas = saved.schemas().get().plan();
                        report = reconciler.apply(plan, options);
                        if (!dryRun) notRecorded = whyNotRecorded(() -> registry.record(saved.schemas().get()));
                    }
                }
            } else {
                TopologyFile file = topology.choose(environment());
                Topology loaded = file.load();
                String amqpUrl = connection.amqpUrl(environment());
                try (PendingSchemaPlan pending = PendingSchemaPlan.start(() -> SchemaRegistry.connect(amqpUrl))) {
                    BrokerCheckup.beforeApply(BrokerCheckup.diagnose(client, reconciler.plan(loaded, prune)), force, err());
                    SchemaPlan planned = pending.plan(loaded, TopologyOrigin.of(file.source()));
                    schemas = planned;
                    report = reconciler.apply(loaded, options);
                    // after the broker objects: on a first apply they include the registry's stream
                    if (!dryRun) notRecorded = whyNotRecorded(() -> pending.registry().record(planned));
                }
            }
        } catch (RegistryException e) {
            throw new UserError(e.getMessage());
        } catch (ManagementException e) {
            throw ConnectionOptions.failure(e);
        } catch (BrokerTopologyException e) {
            throw new UserError(e.getMessage());
        } catch (StalePlanException e) {
            throw new UserError(planFile + ": " + e.getMessage());
        }
        new ApplyView(palette()).print(report, out());
        if (schemas == null) return report.succeeded() ? ExitCodes.OK : ExitCodes.USER_ERROR;
        if (notRecorded != null) {
            out().println();
            out().println(palette().red("Schemas not recorded: ") + notRecorded);
            return ExitCodes.USER_ERROR;
        }
        new SchemaPlanView(palette()).print(schemas, dryRun ? SchemaPlanView.Tense.DRY_RUN : SchemaPlanView.Tense.RECORDED, out());
        return report.succeeded() && schemas.refusals().isEmpty() ? ExitCodes.OK : ExitCodes.USER_ERROR;
    }

    /** Records the new versions; why not, when it could not (the report of the broker objects says more). */
    private static String whyNotRecorded(Runnable recording) {
        try {
            recording.run();
            return null;
        } catch (RegistryException e) {
            return e.getMessage();
        }
    }
}
