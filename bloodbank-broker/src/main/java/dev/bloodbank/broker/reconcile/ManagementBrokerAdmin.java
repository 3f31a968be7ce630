package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.BindingInfo;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.broker.management.QueueProbe;
import java.util.Optional;

/**
 * The broker admin over RabbitMQ: changes through the management API, queue depths over AMQP
 * (the management API's counts are statistics that lag by seconds). The live state supplies each
 * binding's {@code properties_key}, which the management API needs to delete it.
 */
final class ManagementBrokerAdmin implements BrokerAdmin {

    private final ManagementClient client;
    private final QueueProbe probe;
    private final LiveState live;

    ManagementBrokerAdmin(ManagementClient client, QueueProbe probe, LiveState live) {
        this.client = client;
        this.probe = probe;
        this.live = live;
    }

    @Override
    public void declare(Exchange exchange) {
        client.declareExchange(exchange.toInfo());
    }

    @Override
    public void declare(Queue queue) {
        client.declareQueue(queue.toInfo());
    }

    @Override
    public void bind(Binding binding) {
        client.bind(binding.toInfo(null));
    }

    @Override
    public void unbind(Binding binding) {
        BindingInfo info = live.bindingInfo(binding);
        client.unbind(info);
    }

    @Override
    public void putPolicy(Policy policy) {
        client.putPolicy(policy.toInfo());
    }

    @Override
    public void deletePolicy(String name) {
        client.deletePolicy(name);
    }

    @Override
    public boolean deleteExchangeIfUnused(String name) {
        try {
            client.deleteExchange(name, true);
            return true;
        } catch (ManagementException e) {
            if (e.reason() != ManagementException.Reason.PRECONDITION_FAILED) throw e;
            return false;
        }
    }

    @Override
    public void deleteExchange(String name) {
        client.deleteExchange(name, false);
    }

    @Override
    public boolean deleteQueueIfIdle(String name) {
        try {
            client.deleteQueue(name, true);
            return true;
        } catch (ManagementException e) {
            if (e.reason() != ManagementException.Reason.PRECONDITION_FAILED) throw e;
            return false;
        }
    }

    @Override
    public void deleteQueue(String name) {
        client.deleteQueue(name, false);
    }

    @Override
    public Optional<QueueDepth> depth(String queue) {
        QueueProbe.Counts counts = probe.counts(queue);
        return counts == null ? Optional.empty() : Optional.of(new QueueDepth(counts.messages(), counts.consumers()));
    }
}
