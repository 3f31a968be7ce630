package dev.bloodbank.broker.reconcile;

/** The topology cannot be expressed on the broker as declared (e.g. an argument its queue type refuses). */
public final class BrokerTopologyException extends RuntimeException {

    public BrokerTopologyException(String message) {
        super(message);
    }
}
