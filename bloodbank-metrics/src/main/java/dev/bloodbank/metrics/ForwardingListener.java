package dev.bloodbank.metrics;

import dev.bloodbank.flow.FlowListener;

/**
 * The listener handed to the runtime before the meters may have a registry: it forwards to the
 * meters once they are bound and drops everything before binding and after closing, so a message
 * that arrives late never registers a meter again.
 */
final class ForwardingListener implements FlowListener {

    private volatile FlowListener target = FlowListener.NO_OP;

    void forwardTo(FlowListener target) {
        this.target = target;
    }

    @Override
    public void published(String key) {
        target.published(key);
    }

    @Override
    public void confirmed(String key, long nanos) {
        target.confirmed(key, nanos);
    }

    @Override
    public void nacked(String key) {
        target.nacked(key);
    }

    @Override
    public void returned(String key) {
        target.returned(key);
    }

    @Override
    public void consumed(String service, String key, long latencyNanos) {
        target.consumed(service, key, latencyNanos);
    }

    @Override
    public void handled(String service, String key, long nanos) {
        target.handled(service, key, nanos);
    }

    @Override
    public void retried(String service, String key, int nextAttempt) {
        target.retried(service, key, nextAttempt);
    }

    @Override
    public void deadLettered(String service, String key, int attempts) {
        target.deadLettered(service, key, attempts);
    }

    @Override
    public void duplicate(String service, String key) {
        target.duplicate(service, key);
    }

    @Override
    public void invalid(String service, String key) {
        target.invalid(service, key);
    }

    @Override
    public void inFlight(int publishes) {
        target.inFlight(publishes);
    }
}
