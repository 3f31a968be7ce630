package dev.bloodbank.broker.reconcile;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.testing.broker.TestVhost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Helpers for reconciler tests on a real broker. */
final class Brokers {

    private Brokers() {}

    static Reconciler reconciler(TestVhost vhost) {
        return new Reconciler(client(vhost));
    }

    static ManagementClient client(TestVhost vhost) {
        return new ManagementClient(BrokerAddress.of(vhost.amqpUrl(), vhost.managementUrl()));
    }

    /** Publishes persistent messages with confirms, so they are in their queues when this returns. */
    static void publish(TestVhost vhost, String exchange, String routingKey, int count) throws Exception {
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            for (int i = 0; i < count; i++) {
                ch.basicPublish(exchange, routingKey, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    /** Polls the condition until it holds; fails after the timeout, naming what it waited for. */
    static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            Thread.sleep(100);
        }
    }

    static String describe(ApplyReport report) {
        StringBuilder sb = new StringBuilder();
        for (ApplyReport.Outcome o : report.outcomes())
            sb.append(o.status()).append(' ').append(o.change().object().display())
                    .append(o.detail() == null ? "" : " — " + o.detail()).append('\n');
        return sb.toString();
    }
}
