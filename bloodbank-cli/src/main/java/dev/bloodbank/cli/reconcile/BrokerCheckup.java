package dev.bloodbank.cli.reconcile;

import dev.bloodbank.broker.health.BrokerReading;
import dev.bloodbank.broker.health.Diagnosis;
import dev.bloodbank.broker.health.Doctor;
import dev.bloodbank.broker.health.Finding;
import dev.bloodbank.broker.health.Status;
import dev.bloodbank.broker.health.TopologyDemand;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.reconcile.Plan;
import dev.bloodbank.cli.UserError;
import java.io.PrintWriter;

/** The doctor's checks as {@code apply} runs them first: refuse on a failure, and on a warning unless forced. */
final class BrokerCheckup {

    private BrokerCheckup() {}

    static Diagnosis diagnose(ManagementClient client, Plan plan) {
        BrokerReading reading = BrokerReading.read(client);
        return Doctor.examine(reading, plan == null ? TopologyDemand.NONE : TopologyDemand.of(plan, reading.nodes().size()));
    }

    /** Throws the one-line refusal, or prints the warnings that {@code --force} goes past. */
    static void beforeApply(Diagnosis diagnosis, boolean force, PrintWriter err) {
        Finding failing = diagnosis.first(Status.FAILING).orElse(null);
        if (failing != null)
            throw new UserError("apply refused: " + failing.check() + ": " + failing.message(),
                    "bloodbank doctor shows every check; --force does not go past this");
        Finding warning = diagnosis.first(Status.WARNING).orElse(null);
        if (warning == null) return;
        if (!force)
            throw new UserError("apply refused: " + warning.check() + ": " + warning.message(),
                    "bloodbank doctor shows every check; --force applies anyway");
        diagnosis.findings().stream().filter(f -> f.status() == Status.WARNING)
                .forEach(f -> err.println("warning: " + f.check() + ": " + f.message() + " (going on: --force)"));
    }
}
