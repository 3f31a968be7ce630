package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.List;
import dev.bloodbank.broker.management.BrokerNodes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * Opens self-recovering connections from the settings. The AMQP URL may list a cluster's nodes
 * ({@link BrokerNodes}): the connection goes to one of them at random, and recovery tries each
 * in turn, so that a connection whose node died comes back on another.
 */
final class Connections {

    private Connections() {}

    static ConnectionFactory factory(RuntimeSettings settings) {
        ConnectionFactory factory = new ConnectionFactory();
        String first = nodes(settings).url();
        try {
            factory.setUri(first);
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad AMQP URL '" + redact(settings.amqpUrl())
                    + "': " + e.getMessage() + " (expected amqp://user:pass@host:5672/vhost)", e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(settings.recoveryInterval().toMillis());
        factory.setRequestedHeartbeat(30);
        // TLS brings its own socket factory; plain connections gather their writes (see CorkedSockets)
        if (!factory.isSSL() && !settings.sendDelay().isZero()) factory.setSocketFactory(new CorkedSockets(settings.sendDelay()));
        return factory;
    }

    static Connection open(RuntimeSettings settings, String role, ExecutorService consumerPool) {
        return open(settings, role, consumerPool, new ConnectionSocket());
    }

    /** As {@link #open(RuntimeSettings, String, ExecutorService)}, keeping the connection's socket in {@code socket}. */
    static Connection open(RuntimeSettings settings, String role, ExecutorService consumerPool, ConnectionSocket socket) {
        ConnectionFactory factory = factory(settings);
        factory.setSocketConfigurator(socket);
        String name = "bloodbank " + role + " " + settings.sourceApp() + "@" + settings.sourceHost();
        List<Address> addresses = nodes(settings).shuffled().stream().map(n -> new Address(n.host(), n.port())).toList();
        try {
            return factory.newConnection(consumerPool, addresses, name);
        } catch (IOException | TimeoutException e) {
            throw new BrokerUnavailableException("cannot connect to " + redact(settings.amqpUrl()) + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    static BrokerNodes nodes(RuntimeSettings settings) {
        return BrokerNodes.amqp(settings.amqpUrl());
    }

    /** The URL without its password, for messages. */
    static String redact(String url) {
        return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
    }
}
