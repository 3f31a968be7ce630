package dev.bloodbank.schema;

/** One way a payload breaks its schema: the JSON pointer of the failing value and what is wrong. */
public record SchemaViolation(String pointer, String message) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "#" : pointer) + ": " + message;
    }
}
