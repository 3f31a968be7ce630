package dev.bloodbank.broker.registry;

import dev.bloodbank.schema.compat.CompatibilityMode;
import dev.bloodbank.schema.compat.Incompatibility;
import java.util.List;

/**
 * What apply would do with the registry: record a new version of each key whose schema changed,
 * and refuse each changed schema that breaks its compatibility mode. Keys whose schema is the
 * latest version (canonically) have no step. Plain data, like the broker {@code Plan}.
 */
public record SchemaPlan(List<Step> steps) {

    public SchemaPlan {
        steps = List.copyOf(steps);
    }

    public sealed interface Step {
        String key();
    }

    /**
     * The schema becomes version {@code version.version()} of its key; {@code first} when the key is
     * new; {@code mode} is what it was checked under ({@code NONE}: not checked).
     */
    public record NewVersion(SchemaVersion version, boolean first, CompatibilityMode mode) implements Step {
        @Override
        public String key() {
            return version.key();
        }
    }

    /**
     * The schema changed incompatibly under the key's mode: apply records nothing for the key.
     * {@code latest} is the version the registry holds now.
     */
    public record Refused(String key, CompatibilityMode mode, int latest, List<Incompatibility> incompatibilities)
            implements Step {
        public Refused {
            incompatibilities = List.copyOf(incompatibilities);
        }

        /** What was refused and why. */
        public String reason() {
            return "schema of " + key + " was not recorded: " + incompatibilities.size() + " incompatible change"
                    + (incompatibilities.size() == 1 ? "" : "s") + " under " + mode + " against the registry's version"
                    + (mode.transitive() ? "s" : " " + latest);
        }

        /** What to do next. */
        public String howToProceed() {
            return "Make the change compatible (see each hint), or, to break its consumers on purpose, set"
                    + " `compatibility: NONE` on " + key + " in the topology and apply again.";
        }
    }

    public List<NewVersion> newVersions() {
        return steps.stream().filter(NewVersion.class::isInstance).map(NewVersion.class::cast).toList();
    }

    public List<Refused> refusals() {
        return steps.stream().filter(Refused.class::isInstance).map(Refused.class::cast).toList();
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
