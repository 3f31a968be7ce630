package dev.bloodbank.broker.registry;

import static dev.bloodbank.broker.registry.RegistryTopologies.MERGED;
import static dev.bloodbank.broker.registry.RegistryTopologies.V1;
import static dev.bloodbank.broker.registry.RegistryTopologies.V2_BREAKING;
import static dev.bloodbank.broker.registry.RegistryTopologies.apply;
import static dev.bloodbank.broker.registry.RegistryTopologies.load;
import static dev.bloodbank.broker.registry.RegistryTopologies.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.bloodbank.broker.runtime.BloodbankRuntime;
import dev.bloodbank.broker.runtime.Publisher;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.engine.ConsumerSpec;
import dev.bloodbank.engine.Headers;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.testing.broker.Await;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
@DisplayName("messages say which schema version wrote them")
class SchemaVersionHeaderBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String QUEUE = "bloodbank.sub.reviewer";
    private static final String DEAD = "bloodbank.sub.reviewer.dlq";

    @TempDir
    Path dir;

    @Test
    void aMessageWrittenWithVersionOneIsValidatedByVersionOneAfterTheSchemaMovedToVersionTwo(TestVhost vhost) throws Exception {
        JsonNode payload = new ObjectMapper().readTree("{\"number\": 7}");
        try (Connection connection = vhost.connectionFactory().newConnection()) {
            Topology v1 = load(write(dir, "v1.yaml", V1, "NONE"));
            apply(vhost, connection, dir.resolve("v1.yaml"));

            RuntimeSettings settings = RuntimeSettings.builder(vhost.amqpUrl(), "reviewer-test").build();
            try (Publisher publisher = Publisher.connect(v1, settings)) {
                publisher.publish(MERGED, payload).get();
            }
            try (Channel ch = connection.createChannel()) {
                GetResponse written = Await.until(WAIT, "the published message", () -> ch.basicGet(QUEUE, false), r -> r != null);
                assertEquals(1, ((Number) written.getProps().getHeaders().get(Headers.SCHEMA_VERSION)).intValue());
                ch.basicNack(written.getEnvelope().getDeliveryTag(), false, true);
                // as a producer that knows no registry writes it: no version header
                byte[] body = EnvelopeCodec.standard().encode(Envelopes.create(MERGED, payload, new Source("py", "service", "py", null)));
                ch.confirmSelect();
                ch.basicPublish("bloodbank.events.v1", MERGED, true, new AMQP.BasicProperties.Builder().deliveryMode(2).build(), body);
                ch.waitForConfirmsOrDie(5_000);
            }

            // version 2 requires an author: the v1 message lacks one
            Topology v2 = load(write(dir, "v2.yaml", V2_BREAKING, "NONE"));
            apply(vhost, connection, dir.resolve("v2.yaml"));
            List<JsonNode> handled = new CopyOnWriteArrayList<>();
            ConsumerSpec reviewer = new ConsumerSpec("reviewer", v2.subscription("reviewer").orElseThrow().queue(),
                    Map.of(MERGED, (envelope, context) -> handled.add(envelope.payload())), Set.of());
            try (BloodbankRuntime.Running running = BloodbankRuntime.start(v2, List.of(reviewer), settings)) {
                Await.until(WAIT, "the v1 message handled", () -> handled.size() == 1);
                Await.until(WAIT, "the unversioned message dead-lettered", () -> vhost.messageCount(DEAD) == 1);
            }
            assertEquals(payload, handled.get(0));
            try (Channel ch = connection.createChannel()) {
                GetResponse dead = ch.basicGet(DEAD, true);
                assertNotNull(dead);
                assertEquals("schema-violation", String.valueOf(dead.getProps().getHeaders().get(Headers.REASON)));
            }
        }
    }
}
