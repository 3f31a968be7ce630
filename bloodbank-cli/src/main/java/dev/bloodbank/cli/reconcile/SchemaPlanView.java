package dev.bloodbank.cli.reconcile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.reconcile.BrokerTopology;
import dev.bloodbank.broker.registry.SavedSchemaPlan;
import dev.bloodbank.broker.registry.SchemaPlan;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.schema.compat.CompatibilityMode;
import dev.bloodbank.schema.compat.Incompatibility;
import java.io.PrintWriter;

/**
 * The registry's part of a plan or an apply: each schema that becomes a new version, and each
 * refused as incompatible with its key, pointer, rule and hint, like a change the broker cannot make.
 */
final class SchemaPlanView {

    /** Whether the steps are planned, carried out, or would be (a dry run). */
    enum Tense { PLANNED, RECORDED, DRY_RUN }

    private final Palette palette;

    SchemaPlanView(Palette palette) {
        this.palette = palette;
    }

    /** Prints nothing when every schema is already its key's latest version: no news, as for the broker's "No changes." */
    void print(SchemaPlan plan, Tense tense, PrintWriter out) {
        if (plan.isEmpty()) return;
        out.println();
        out.println("Schema registry (" + BrokerTopology.SCHEMA_REGISTRY_STREAM + "):");
        for (SchemaPlan.Step step : plan.steps()) {
            if (step instanceof SchemaPlan.NewVersion n) {
                int v = n.version().version();
                out.println("  " + palette.green("+") + " " + n.key() + " v" + v + palette.faint("  ("
                        + (n.first() ? "first version" : n.mode() == CompatibilityMode.NONE ? "changed; NONE: not checked"
                        : "changed, compatible under " + n.mode() + " with v" + (n.mode().transitive() ? "1-v" : "") + (v - 1)) + ")")
                        + (tense == Tense.PLANNED ? "" : ": " + (tense == Tense.RECORDED ? palette.green("recorded") : "would be recorded")));
            } else {
                SchemaPlan.Refused r = (SchemaPlan.Refused) step;
                out.println("  " + palette.red("!") + " " + r.key() + palette.faint("  (incompatible under " + r.mode() + ")")
                        + ": " + palette.red("refused"));
                for (Incompatibility i : r.incompatibilities()) {
                    out.println("        " + pointer(i) + ": " + i.rule() + " (breaks " + i.direction() + " against v"
                            + i.againstVersion() + ")");
                    out.println("          " + i.message());
                    out.println("          hint: " + i.hint());
                }
                out.println("        " + r.howToProceed());
            }
        }
        out.println();
        String verb = tense == Tense.RECORDED ? "recorded" : tense == Tense.DRY_RUN ? "would be recorded" : "to record";
        out.println(palette.bold("Schemas:") + " " + plan.newVersions().size() + " " + verb + ", "
                + (plan.refusals().isEmpty() ? "0 refused." : palette.red(plan.refusals().size() + " refused") + "."));
    }

    static String pointer(Incompatibility i) {
        return i.pointer().isEmpty() ? "(the schema itself)" : i.pointer();
    }

    /** The steps as JSON, for plan -o json. */
    static ArrayNode json(SchemaPlan plan) {
        ArrayNode steps = JsonOutput.object().arrayNode();
        for (SchemaPlan.Step step : plan.steps()) {
            ObjectNode n = steps.addObject();
            n.put("key", step.key());
            if (step instanceof SchemaPlan.NewVersion v) {
                n.put("action", "record");
                n.put("version", v.version().version());
                n.put("first", v.first());
            } else {
                SchemaPlan.Refused r = (SchemaPlan.Refused) step;
                n.put("action", "refused");
                n.put("mode", r.mode().name());
                n.put("latest", r.latest());
                n.put("reason", r.reason());
                n.put("howToProceed", r.howToProceed());
                ArrayNode list = n.putArray("incompatibilities");
                for (Incompatibility i : r.incompatibilities()) list.add(SavedSchemaPlan.json(i));
            }
        }
        return steps;
    }
}
