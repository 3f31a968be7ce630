package dev.bloodbank.schema;

/** A schema document that cannot be compiled. */
public final class InvalidSchemaException extends RuntimeException {

    public InvalidSchemaException(String message) {
        super(message);
    }
}
