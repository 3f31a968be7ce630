package dev.bloodbank.broker.reconcile;

import java.util.Locale;

/** The kinds of broker objects, in the order they are created (deleted in reverse). */
public enum ObjectKind {
    EXCHANGE,
    QUEUE,
    BINDING,
    POLICY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
