package dev.bloodbank.broker.management;

/** A feature flag of the cluster: its name, whether it is enabled, and how stable it is. */
public record FeatureFlagInfo(String name, String state, String stability) {

    public boolean enabled() {
        return "enabled".equals(state);
    }
}
