package dev.bloodbank.topology;

/** Errors make a topology unusable; warnings point at something probably unintended. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return this == ERROR ? "error" : "warning";
    }
}
