import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Publishes envelopes of the topology's event keys at a steady rate for a while (for
 * bench/run-dashboard.sh): RATE a second for SECONDS, keys drawn at random, one event in five
 * caused by the one before it, so traces have something to show.
 *
 *   java -cp bloodbank-cli/target/bloodbank.jar bench/SteadyTraffic.java topology.yaml AMQP_URL RATE SECONDS
 */
public class SteadyTraffic {
    public static void main(String... args) throws Exception {
        Topology topology = Topology.load(Path.of(args[0]));
        List<String> keys = new ArrayList<>();
        keys.addAll(topology.events().keySet());
        int rate = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args[1]);
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(42);
        EnvelopeCodec codec = EnvelopeCodec.standard();
        String exchange = topology.exchanges().events();
        try (Connection c = factory.newConnection("steady-traffic"); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            long start = System.nanoTime();
            UUID previous = null;
            for (long i = 0; i < rate * seconds; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                String key = keys.get(random.nextInt(keys.size()));
                Envelope e = Envelopes.create(key, json.readTree("{\"n\":" + i + ",\"note\":\"steady traffic\"}"),
                        Source.service("steady-traffic"), previous != null && i % 5 == 0 ? List.of(previous) : List.of());
                ch.basicPublish(exchange, key, new AMQP.BasicProperties.Builder().deliveryMode(2).type(key)
                        .messageId(e.eventId().toString()).contentType("application/json").build(), codec.encode(e));
                previous = e.eventId();
                if (i % 200 == 0) ch.waitForConfirmsOrDie(10_000);
            }
            ch.waitForConfirmsOrDie(10_000);
        }
    }
}
