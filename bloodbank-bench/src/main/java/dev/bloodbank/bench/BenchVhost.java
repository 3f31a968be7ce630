package dev.bloodbank.bench;

import com.rabbitmq.client.ConnectionFactory;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.ApplyReport;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.topology.Topology;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;

/**
 * A vhost of the benchmark's own, created through the management API with the topology applied
 * by the reconciler, and deleted with everything in it on close: a run never touches anything else
 * on the broker, and leaves nothing behind.
 */
final class BenchVhost implements AutoCloseable {

    private final String amqpUrl;
    private final BrokerAddress address;
    private final ManagementClient client;

    private BenchVhost(String amqpUrl, BrokerAddress address, ManagementClient client) {
        this.amqpUrl = amqpUrl;
        this.address = address;
        this.client = client;
    }

    /**
     * Creates {@code bloodbank-bench-<random>} on the broker of {@code amqpUrl} (whose own path is
     * ignored) and applies the topology to it.
     */
    static BenchVhost create(String amqpUrl, String managementUrl, Topology topology) {
        String name = "bloodbank-bench-" + UUID.randomUUID().toString().substring(0, 8);
        String url = withVhost(amqpUrl, name);
        BrokerAddress address = BrokerAddress.of(url, managementUrl);
        ManagementClient client = new ManagementClient(address);
        BenchVhost vhost = new BenchVhost(url, address, client);
        try {
            client.createVhost();
            ApplyReport report = new Reconciler(client).apply(topology, ApplyOptions.DEFAULT);
            if (!report.succeeded()) throw new IllegalStateException("applying the benchmark topology failed: " + report.outcomes());
        } catch (RuntimeException e) {
            // A create that timed out may still complete on the broker: delete in any case.
            try {
                vhost.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return vhost;
    }

    static String withVhost(String amqpUrl, String vhost) {
        try {
            URI base = new URI(amqpUrl);
            return new URI(base.getScheme(), base.getRawUserInfo() == null ? null : base.getUserInfo(), base.getHost(),
                    base.getPort(), null, null, null).toString() + "/" + ManagementClient.segment(vhost);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad AMQP URL " + BrokerAddress.redacted(amqpUrl) + ": " + e.getReason()
                    + " (expected amqp://user:pass@host:5672)", e);
        }
    }

    String name() {
        return address.vhost();
    }

    String amqpUrl() {
        return amqpUrl;
    }

    ManagementClient client() {
        return client;
    }

    /** A plain connection factory for this vhost, as a hand-written amqp-client program would make. */
    ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(address.amqpHost());
        factory.setPort(address.amqpPort());
        factory.setUsername(address.username());
        factory.setPassword(address.password());
        factory.setVirtualHost(address.vhost());
        return factory;
    }

    @Override
    public void close() {
        client.deleteVhost();
    }
}
