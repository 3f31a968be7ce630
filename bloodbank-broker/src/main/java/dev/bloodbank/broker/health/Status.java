package dev.bloodbank.broker.health;

/** How a check came out. {@code apply --force} goes past a warning, never past a failure. */
public enum Status {
    OK,
    WARNING,
    FAILING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
