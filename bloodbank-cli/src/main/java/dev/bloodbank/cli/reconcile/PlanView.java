package dev.bloodbank.cli.reconcile;

import dev.bloodbank.broker.reconcile.Binding;
import dev.bloodbank.broker.reconcile.BrokerObject;
import dev.bloodbank.broker.reconcile.Change;
import dev.bloodbank.broker.reconcile.FieldChange;
import dev.bloodbank.broker.reconcile.ObjectKind;
import dev.bloodbank.broker.reconcile.Plan;
import dev.bloodbank.broker.reconcile.PropertyValues;
import dev.bloodbank.cli.text.Palette;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plan as text for people, in the manner of a Terraform plan: one symbol per action, details indented. */
final class PlanView {

    private final Palette palette;

    PlanView(Palette palette) {
        this.palette = palette;
    }

    void print(Plan plan, PrintWriter out) {
        if (plan.isEmpty()) {
            out.println(palette.green("No changes.") + " The broker matches the topology (vhost '" + plan.vhost() + "').");
        } else {
            out.println("Bloodbank will make these changes in vhost '" + plan.vhost() + "'"
                    + (plan.prune() ? " (pruning)" : "") + ":");
            out.println();
            for (Change change : plan.changes()) printChange(change, out);
        }
        printWarnings(plan.warnings(), out);
        if (!plan.isEmpty()) {
            out.println();
            out.println(summary(plan));
        }
    }

    void printWarnings(List<String> warnings, PrintWriter out) {
        if (warnings.isEmpty()) return;
        out.println();
        for (String warning : warnings) out.println(palette.yellow("warning: ") + warning);
    }

    String summary(Plan plan) {
        Plan.Summary s = plan.summary();
        return palette.bold("Plan:") + " " + s.create() + " to create, " + s.update() + " to update, "
                + s.replace() + " to replace, " + s.delete() + " to delete.";
    }

    void printChange(Change change, PrintWriter out) {
        out.println(headline(change));
        for (String line : details(change)) out.println("        " + line);
    }

    String headline(Change change) {
        BrokerObject object = change.object();
        if (change instanceof Change.Create) return "  " + palette.green("+") + " " + object.display();
        if (change instanceof Change.Update) return "  " + palette.yellow("~") + " " + object.display();
        if (change instanceof Change.ReplaceRequired r)
            return palette.red("-/+") + " " + object.display() + palette.faint("  (must be re-created"
                    + (r.messages() != null ? "; has " + messages(r.messages())
                            : object.kind() == ObjectKind.QUEUE ? "; message count not reported yet" : "") + ")");
        Change.Delete d = (Change.Delete) change;
        return "  " + palette.red("-") + " " + object.display() + palette.faint("  (" + d.reason()
                + (d.messages() == null ? "" : "; has " + messages(d.messages())) + ")");
    }

    private List<String> details(Change change) {
        List<String> lines = new ArrayList<>();
        if (change instanceof Change.Create c) {
            if (!(c.desired() instanceof Binding)) lines.add(properties(c.desired().properties()));
        } else if (change instanceof Change.Update u) {
            for (FieldChange f : u.fields()) lines.add(field(f));
        } else if (change instanceof Change.ReplaceRequired r) {
            for (FieldChange f : r.fields()) lines.add(field(f) + palette.faint("   # " + f.whyImmutable()));
            if (!r.rebind().isEmpty()) lines.add(palette.faint("re-created with " + r.rebind().size() + " binding(s)"));
        }
        return lines;
    }

    private String field(FieldChange f) {
        return f.field() + ": " + PropertyValues.show(f.current()) + " -> " + PropertyValues.show(f.desired());
    }

    private static String properties(Map<String, Object> properties) {
        List<String> parts = new ArrayList<>();
        // Flags read as words when set and are left out when not: the defaults need no ink.
        properties.forEach((k, v) -> {
            if (Boolean.TRUE.equals(v)) parts.add(k);
            else if (!Boolean.FALSE.equals(v)) parts.add(k + "=" + PropertyValues.show(v));
        });
        return String.join(" ", parts);
    }

    static String messages(long n) {
        return n + " message" + (n == 1 ? "" : "s");
    }
}
