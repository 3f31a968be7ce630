package dev.bloodbank.cli.reconcile;

import dev.bloodbank.broker.reconcile.ApplyReport.Outcome;
import dev.bloodbank.broker.reconcile.ApplyReport.Status;
import dev.bloodbank.broker.reconcile.ApplyReport;
import dev.bloodbank.broker.reconcile.Change;
import dev.bloodbank.cli.text.Palette;
import java.io.PrintWriter;

/** What an apply did, object by object, and a summary line. */
final class ApplyView {

    private final Palette palette;
    private final PlanView planView;

    ApplyView(Palette palette) {
        this.palette = palette;
        this.planView = new PlanView(palette);
    }

    void print(ApplyReport report, PrintWriter out) {
        if (report.outcomes().isEmpty()) {
            out.println(palette.green("No changes.") + " The broker matches the topology (vhost '"
                    + report.plan().vhost() + "').");
            planView.printWarnings(report.plan().warnings(), out);
            return;
        }
        if (report.dryRun()) out.println("Dry run: nothing is changed. Apply would do this in vhost '" + report.plan().vhost() + "':");
        for (Outcome outcome : report.outcomes()) {
            out.println(planView.headline(outcome.change()) + ": " + status(outcome));
            if (outcome.detail() != null && outcome.status() != Status.DONE && outcome.status() != Status.PLANNED)
                out.println("        " + outcome.detail());
        }
        planView.printWarnings(report.plan().warnings(), out);
        out.println();
        out.println(summary(report));
    }

    private String status(Outcome outcome) {
        return switch (outcome.status()) {
            case DONE -> palette.green(past(outcome.change())) + (outcome.detail() == null ? "" : " (" + outcome.detail() + ")");
            case PLANNED -> "would be " + past(outcome.change()) + (outcome.detail() == null ? "" : " (" + outcome.detail() + ")");
            case REFUSED -> palette.red(outcome.change() instanceof Change.Delete ? "kept" : "refused");
            case SKIPPED -> palette.yellow("skipped");
            case FAILED -> palette.red("failed");
            case NOT_ATTEMPTED -> palette.faint("not attempted");
        };
    }

    private static String past(Change change) {
        if (change instanceof Change.Create) return "created";
        if (change instanceof Change.Update) return "updated";
        if (change instanceof Change.ReplaceRequired) return "re-created";
        return "deleted";
    }

    private String summary(ApplyReport report) {
        String counts = (report.dryRun() ? report.count(Status.PLANNED) + " would be done, "
                        : report.count(Status.DONE) + " done, ")
                + report.count(Status.REFUSED) + " refused, " + report.count(Status.SKIPPED) + " skipped, "
                + report.count(Status.FAILED) + " failed, " + report.count(Status.NOT_ATTEMPTED) + " not attempted.";
        String head = report.succeeded() ? palette.bold("Apply complete:") : palette.red("Apply incomplete:");
        if (report.dryRun()) head = palette.bold("Dry run:");
        String tail = report.succeeded() || report.dryRun() ? ""
                : report.count(Status.FAILED) > 0 ? " Fix the failure above and run apply again; it picks up where this one stopped."
                : " See above for what to do; then run apply again.";
        return head + " " + counts + tail;
    }
}
