package dev.bloodbank.schema.compat;

/** Which side of a schema change has to read the other's messages. */
public enum Direction {
    /** Consumers on the new schema read messages written with the old one. */
    BACKWARD,
    /** Consumers on the old schema read messages written with the new one. */
    FORWARD;

    /** What breaks, in words, when a change is incompatible in this direction. */
    String consequence() {
        return this == BACKWARD
                ? "consumers on the new schema could not read messages written with the old one"
                : "consumers on the old schema could not read messages written with the new one";
    }
}
