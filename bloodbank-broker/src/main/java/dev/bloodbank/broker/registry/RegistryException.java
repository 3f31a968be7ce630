package dev.bloodbank.broker.registry;

/** The registry could not be read or written: an unreachable broker, a stream that is missing. */
public class RegistryException extends RuntimeException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
