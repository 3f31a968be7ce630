package dev.bloodbank.schema.compat;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a message's schema may evolve, with Confluent Schema Registry's names and meaning. A
 * transitive mode checks a new schema against every earlier version, the others against the latest.
 */
public enum CompatibilityMode {
    BACKWARD(EnumSet.of(Direction.BACKWARD), false),
    BACKWARD_TRANSITIVE(EnumSet.of(Direction.BACKWARD), true),
    FORWARD(EnumSet.of(Direction.FORWARD), false),
    FORWARD_TRANSITIVE(EnumSet.of(Direction.FORWARD), true),
    FULL(EnumSet.of(Direction.BACKWARD, Direction.FORWARD), false),
    FULL_TRANSITIVE(EnumSet.of(Direction.BACKWARD, Direction.FORWARD), true),
    NONE(EnumSet.noneOf(Direction.class), false);

    public static final CompatibilityMode DEFAULT = BACKWARD;

    private final EnumSet<Direction> directions;
    private final boolean transitive;

    CompatibilityMode(EnumSet<Direction> directions, boolean transitive) {
        this.directions = directions;
        this.transitive = transitive;
    }

    /** The directions a change must be compatible in; empty for {@link #NONE}. */
    public Set<Direction> directions() {
        return EnumSet.copyOf(directions);
    }

    /** Whether a new schema is checked against every earlier version rather than the latest only. */
    public boolean transitive() {
        return transitive;
    }
}
