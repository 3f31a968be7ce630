package dev.bloodbank.broker.management;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;

/**
 * Exact message and consumer counts of queues, read over AMQP with a passive declare. The
 * management API's counts come from statistics that lag by seconds; a decision to delete a queue
 * needs the queue's own answer.
 */
public final class QueueProbe implements AutoCloseable {

    /** What a queue holds right now: ready messages and consumers. */
    public record Counts(long messages, long consumers) {
        public boolean idle() {
            return messages == 0 && consumers == 0;
        }
    }

    private final BrokerAddress address;
    private Connection connection;

    public QueueProbe(BrokerAddress address) {
        this.address = address;
    }

    /** The counts of a queue, or null when it does not exist. */
    public synchronized Counts counts(String queue) {
        try {
            Channel channel = connection().createChannel();
            try {
                AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
                return new Counts(ok.getMessageCount(), ok.getConsumerCount());
            } finally {
                if (channel.isOpen()) channel.close();
            }
        } catch (IOException e) {
            if (isNotFound(e)) return null;
            throw new ManagementException(ManagementException.Reason.UNREACHABLE,
                    "cannot read the message count of queue " + queue + " over AMQP at " + address.amqpHost() + ":"
                            + address.amqpPort() + " (" + rootMessage(e) + ")", e);
        } catch (TimeoutException e) {
            throw new ManagementException(ManagementException.Reason.UNREACHABLE,
                    "AMQP at " + address.amqpHost() + ":" + address.amqpPort() + " timed out", e);
        }
    }

    private Connection connection() throws IOException, TimeoutException {
        if (connection == null || !connection.isOpen()) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(address.amqpHost());
            factory.setPort(address.amqpPort());
            factory.setUsername(address.username());
            factory.setPassword(address.password());
            factory.setVirtualHost(address.vhost());
            factory.setAutomaticRecoveryEnabled(false);
            factory.setConnectionTimeout(5_000);
            if (address.amqps()) {
                try {
                    // the JVM's trust store verifies the broker: never trust-all
                    factory.useSslProtocol(javax.net.ssl.SSLContext.getDefault());
                } catch (GeneralSecurityException e) {
                    throw new IOException("TLS set-up failed: " + e.getMessage(), e);
                }
            }
            connection = factory.newConnection("bloodbank-reconciler");
        }
        return connection;
    }

    private static boolean isNotFound(IOException e) {
        return rootMessage(e).contains("NOT_FOUND");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return String.valueOf(t.getMessage());
    }

    @Override
    public synchronized void close() {
        if (connection != null && connection.isOpen()) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing a probe connection that is already going away loses nothing
            }
        }
    }
}
