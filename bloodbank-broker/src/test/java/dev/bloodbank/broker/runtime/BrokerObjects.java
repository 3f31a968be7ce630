package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Declares a topology's objects the way the reconciler derives them: work queues, one retry queue
 * per delay (TTL, dead-lettering back to the work queue through the default exchange), a DLQ per
 * work queue bound to the dead-letter exchange with the work queue's name, the events exchange
 * with an alternate exchange, and the commands exchange without.
 */
final class BrokerObjects {

    private BrokerObjects() {}

    static void declare(TestVhost vhost, Topology topology, Set<String> commandsLeftOut) throws Exception {
        try (Connection connection = vhost.connectionFactory().newConnection(); Channel channel = connection.createChannel()) {
            var x = topology.exchanges();
            channel.exchangeDeclare(x.unrouted(), BuiltinExchangeType.FANOUT, true);
            channel.queueDeclare(x.unrouted(), true, false, false, Map.of("x-queue-type", "quorum"));
            channel.queueBind(x.unrouted(), x.unrouted(), "");
            channel.exchangeDeclare(x.events(), BuiltinExchangeType.TOPIC, true, false, Map.of("alternate-exchange", x.unrouted()));
            channel.exchangeDeclare(x.commands(), BuiltinExchangeType.TOPIC, true);
            channel.exchangeDeclare(x.deadLetter(), BuiltinExchangeType.DIRECT, true);
            for (Subscription s : topology.subscriptions().values()) {
                queue(channel, topology, s.queue());
                for (String pattern : s.patterns()) channel.queueBind(s.queue().queue(), x.events(), pattern);
            }
            for (CommandDefinition c : topology.commands().values()) {
                if (commandsLeftOut.contains(c.key())) continue;
                queue(channel, topology, c.worker());
                channel.queueBind(c.worker().queue(), x.commands(), c.key());
            }
        }
    }

    private static void queue(Channel channel, Topology topology, QueueSettings q) throws Exception {
        channel.queueDeclare(q.queue(), true, false, false, Map.of("x-queue-type", q.queueType().wireName()));
        for (Duration delay : q.retry().delays()) {
            Map<String, Object> args = new HashMap<>();
            args.put("x-queue-type", q.queueType().wireName());
            args.put("x-message-ttl", delay.toMillis());
            args.put("x-dead-letter-exchange", "");
            args.put("x-dead-letter-routing-key", q.queue());
            channel.queueDeclare(q.retryQueue(delay), true, false, false, args);
        }
        channel.queueDeclare(q.deadLetterQueue(), true, false, false, Map.of("x-queue-type", q.queueType().wireName()));
        channel.queueBind(q.deadLetterQueue(), topology.exchanges().deadLetter(), q.queue());
    }
}
