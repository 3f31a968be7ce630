package dev.bloodbank.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A payload that breaks the schema of the event or command it is sent as. Thrown before anything
 * reaches the broker; the message lists every violation with its JSON pointer.
 */
public final class InvalidPayloadException extends IllegalArgumentException {

    private final String key;
    private final List<SchemaViolation> violations;

    public InvalidPayloadException(String key, List<SchemaViolation> violations) {
        super("payload of " + key + " breaks its schema: "
                + violations.stream().map(SchemaViolation::toString).collect(Collectors.joining("; ")));
        this.key = key;
        this.violations = List.copyOf(violations);
    }

    /** The event or command key. */
    public String key() {
        return key;
    }

    public List<SchemaViolation> violations() {
        return violations;
    }
}
