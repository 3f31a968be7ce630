package dev.bloodbank.broker.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How far one named replay got, kept on the broker so that a replay killed half-way resumes from
 * another process or host. Each replay name has a small classic queue holding only its newest
 * record ({@code x-max-length: 1}, {@code drop-head}): saving publishes a record (persistent, with
 * a confirm) and the broker drops the older one; loading gets the record and puts it back. A queue
 * per name rather than one shared stream, because reading a record must not mean scanning every
 * replay that ever ran.
 *
 * <p>A record is saved after each batch the broker confirmed, so resuming never resends a
 * confirmed-and-recorded batch. A crash between a batch's confirm and its record resends that one
 * batch; it carries the same replay id, which the consumers' dedup keys on, so no handler runs twice.
 */
final class ReplayProgress {

    static final String QUEUE_PREFIX = dev.bloodbank.broker.reconcile.BrokerTopology.REPLAY_PREFIX;
    private static final long EXPIRES_MILLIS = 30L * 24 * 3600 * 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One saved state. {@code lastOffset} is the last archive offset whose message the broker confirmed (-1: none). */
    record State(String name, UUID replayId, TimeWindow window, List<String> keys, String queue, long endOffset,
            long lastOffset, long sent, boolean done) {

        State advanced(long offset, long moreSent) {
            return new State(name, replayId, window, keys, queue, endOffset, offset, sent + moreSent, done);
        }

        State finished() {
            return new State(name, replayId, window, keys, queue, endOffset, lastOffset, sent, true);
        }
    }

    private final Channel channel;
    private final String queue;

    /** On a channel in confirm mode. */
    ReplayProgress(Channel channel, String name) throws IOException {
        this.channel = channel;
        this.queue = QUEUE_PREFIX + name + ".progress";
        // x-expires: an abandoned replay's record goes away by itself after 30 days unused.
        channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "classic", "x-max-length", 1,
                "x-overflow", "drop-head", "x-expires", EXPIRES_MILLIS));
    }

    Optional<State> load() throws IOException {
        GetResponse response = channel.basicGet(queue, false);
        if (response == null) return Optional.empty();
        channel.basicReject(response.getEnvelope().getDeliveryTag(), true);
        var tree = JSON.readTree(response.getBody());
        List<String> keys = new java.util.ArrayList<>();
        tree.get("keys").forEach(k -> keys.add(k.asText()));
        return Optional.of(new State(tree.get("name").asText(), UUID.fromString(tree.get("replay_id").asText()),
                new TimeWindow(Instant.parse(tree.get("since").asText()), Instant.parse(tree.get("until").asText())),
                keys, tree.get("queue").asText(), tree.get("end_offset").asLong(), tree.get("last_offset").asLong(),
                tree.get("sent").asLong(), tree.get("done").asBoolean()));
    }

    void save(State state) throws IOException, InterruptedException, java.util.concurrent.TimeoutException {
        ObjectNode tree = JSON.createObjectNode();
        tree.put("name", state.name());
        tree.put("replay_id", state.replayId().toString());
        tree.put("since", state.window().since().toString());
        tree.put("until", state.window().until().toString());
        tree.putArray("keys").addAll(state.keys().stream().map(JSON.getNodeFactory()::textNode).toList());
        tree.put("queue", state.queue());
        tree.put("end_offset", state.endOffset());
        tree.put("last_offset", state.lastOffset());
        tree.put("sent", state.sent());
        tree.put("done", state.done());
        channel.basicPublish("", queue, true, new AMQP.BasicProperties.Builder().deliveryMode(2)
                .contentType("application/json").build(), JSON.writeValueAsBytes(tree));
        channel.waitForConfirmsOrDie(30_000);
    }
}
