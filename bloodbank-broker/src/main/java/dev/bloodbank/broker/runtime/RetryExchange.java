package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Which exchange the runtime sends retries through, chosen once at start. The topology's retry
 * exchange when the broker has it. A vhost whose topology was applied before retries had an
 * exchange of their own has the retry queues but not the exchange: the runtime then sends retries
 * through the default exchange, which routes by queue name just as the retry exchange routes by
 * the retry queue's name, and says so, until {@code bloodbank apply} adds the exchange. Either
 * way every retry is published mandatory and confirmed, so a missing binding returns the message
 * to its queue instead of losing it.
 */
final class RetryExchange {

    private static final System.Logger LOG = System.getLogger(RetryExchange.class.getName());
    /** The default exchange: routes a message to the queue its routing key names. */
    static final String DEFAULT = "";
    private static final int NOT_FOUND = 404;

    private RetryExchange() {}

    static String choose(Connection connection, Topology topology) throws IOException {
        String exchange = topology.exchanges().retry();
        Channel channel = connection.createChannel();
        try {
            channel.exchangeDeclarePassive(exchange);
            return exchange;
        } catch (IOException e) {
            if (!notFound(e)) throw e;
            LOG.log(System.Logger.Level.WARNING, "the retry exchange " + exchange + " is missing (the topology was applied "
                    + "by an earlier Bloodbank): retries go through the default exchange, where they cannot be counted per "
                    + "event key; run `bloodbank apply` to add it");
            return DEFAULT;
        } finally {
            closeQuietly(channel);
        }
    }

    private static boolean notFound(IOException e) {
        return e.getCause() instanceof ShutdownSignalException s && s.getReason() instanceof AMQP.Channel.Close close
                && close.getReplyCode() == NOT_FOUND;
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) channel.close();
        } catch (IOException | TimeoutException | RuntimeException e) {
            // the channel is closed either way
        }
    }
}
