package dev.bloodbank.examples.transcripts;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.ApplyReport;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.broker.runtime.Bloodbank;
import dev.bloodbank.broker.runtime.BloodbankRuntime;
import dev.bloodbank.broker.runtime.DeadLetterQueue;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.testing.broker.Await;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.ConsumerQueue;
import dev.bloodbank.topology.routing.Routing;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The scenarios on RabbitMQ: the topology applied to a fresh vhost by the reconciler, the app run
 * by the real runtime, inputs published with confirms, and everything the app publishes or sends
 * watched through a queue bound to both exchanges with {@code #}.
 */
final class BrokerBus implements Bus {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Source TESTER = new Source("scenario-host", "test", "scenario-test", null);

    private final Topology topology;
    private final BloodbankApp app;
    private final RuntimeSettings settings;
    private final Connection connection;
    private final Channel publishing;
    private final List<Envelope> observed = new CopyOnWriteArrayList<>();
    private final BloodbankRuntime.Running running;

    BrokerBus(TestVhost vhost, Topology topology, BloodbankApp app, FlowListener listener) throws Exception {
        this.topology = topology;
        this.app = app;
        ApplyReport report = new Reconciler(new ManagementClient(BrokerAddress.of(vhost.amqpUrl(), vhost.managementUrl())))
                .apply(topology, ApplyOptions.DEFAULT);
        if (!report.succeeded()) throw new IllegalStateException("applying the topology failed: " + report.outcomes());

        connection = vhost.connectionFactory().newConnection("scenario-observer");
        Channel observing = connection.createChannel();
        String watch = observing.queueDeclare("", false, true, true, null).getQueue();
        observing.queueBind(watch, topology.exchanges().events(), "#");
        observing.queueBind(watch, topology.exchanges().commands(), "#");
        DeliverCallback record = (tag, delivery) -> {
            try {
                Envelope envelope = EnvelopeCodec.standard().decode(delivery.getBody());
                if (envelope.source().app().equals(app.service())) observed.add(envelope);
            } catch (Exception notAnEnvelope) {
                // raw bodies the scenarios publish themselves are not the application's output
            }
        };
        observing.basicConsume(watch, true, record, tag -> {});
        publishing = connection.createChannel();
        publishing.confirmSelect();

        settings = RuntimeSettings.builder(vhost.amqpUrl(), app.service())
                .listener(listener)
                .confirmTimeout(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofSeconds(5))
                .build();
        running = Bloodbank.run(app, settings);
    }

    @Override
    public Envelope pipe(String key, Object payload) {
        Envelope envelope = Envelopes.create(key, app.payloads().tree(payload), TESTER);
        pipeAgain(envelope);
        return envelope;
    }

    @Override
    public void pipeAgain(Envelope envelope) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2)
                .messageId(envelope.eventId().toString()).type(envelope.eventType())
                .timestamp(Date.from(envelope.timestamp())).appId(envelope.source().app())
                .build();
        publish(envelope.eventType(), properties, EnvelopeCodec.standard().encode(envelope));
    }

    @Override
    public void pipeRaw(String key, byte[] body) {
        publish(key, new AMQP.BasicProperties.Builder().deliveryMode(2).build(), body);
    }

    private void publish(String key, AMQP.BasicProperties properties, byte[] body) {
        String exchange = topology.commands().containsKey(key) ? topology.exchanges().commands() : topology.exchanges().events();
        try {
            publishing.basicPublish(exchange, key, true, properties, body);
            publishing.waitForConfirmsOrDie(5_000);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Envelope> published(String key, int expected) {
        return await(() -> observed.stream().filter(e -> e.eventType().equals(key)).toList(), expected, key);
    }

    @Override
    public List<Envelope> sent(String key, int expected) {
        return published(key, expected);
    }

    @Override
    public List<DeadLetter> deadLetters(QueueSettings queue, int expected) {
        ConsumerQueue consumer = Routing.of(topology).consumerQueue(queue.queue()).orElseThrow();
        try (DeadLetterQueue dlq = DeadLetterQueue.open(consumer, settings)) {
            return await(() -> dlq.browse(100), expected, dlq.name());
        }
    }

    private static <T> List<T> await(Supplier<List<T>> read, int expected, String what) {
        return Await.until(PATIENCE, expected + " × " + what, read::get, seen -> seen.size() >= expected);
    }

    @Override
    public void close() throws Exception {
        running.close();
        connection.close();
    }
}
