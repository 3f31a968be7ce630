package dev.bloodbank.broker.runtime;

/** The broker could not be reached or refused the connection. */
public final class BrokerUnavailableException extends RuntimeException {

    BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
