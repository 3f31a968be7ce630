package dev.bloodbank.broker.reconcile;

/** How the values of broker object properties read in messages and plans: strings quoted, absence as (none). */
public final class PropertyValues {

    private PropertyValues() {}

    public static String show(Object value) {
        if (value == null) return "(none)";
        if (value instanceof String s) return "\"" + s + "\"";
        return String.valueOf(value);
    }
}
