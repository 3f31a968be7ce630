package dev.bloodbank.broker.reconcile;

/** How property values read in messages and plans: strings quoted, absence as (none). */
public final class Values {

    private Values() {}

    public static String show(Object value) {
        if (value == null) return "(none)";
        if (value instanceof String s) return "\"" + s + "\"";
        return String.valueOf(value);
    }
}
