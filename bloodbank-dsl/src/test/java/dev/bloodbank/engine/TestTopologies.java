package dev.bloodbank.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.Defaults;
import dev.bloodbank.topology.EventDefinition;
import dev.bloodbank.topology.Exchanges;
import dev.bloodbank.topology.Location;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.QueueType;
import dev.bloodbank.topology.RetryPolicy;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small topology for engine tests: one event with a schema, one command, one subscription. */
final class TestTopologies {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String UPLOADED = "fireflies.transcript.uploaded";
    static final String READY = "fireflies.transcript.ready";
    static final String TRANSCRIBE = "fireflies.transcript.transcribe";
    static final Location HERE = Location.of(Path.of("topology.yaml"));
    static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
    static final QueueSettings QUEUE = new QueueSettings("bloodbank.sub.transcriber", 10, QueueType.QUORUM, RETRY);

    private TestTopologies() {}

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Topology topology() {
        MessageSchema uploaded = MessageSchema.compile(json("""
                {"type":"object","required":["media_file"],
                 "properties":{"media_file":{"type":"string"},"media_duration_seconds":{"type":"integer"}}}"""));
        MessageSchema ready = MessageSchema.compile(json("""
                {"type":"object","required":["text"],"properties":{"text":{"type":"string"}}}"""));
        return new Topology(Topology.API_VERSION, Exchanges.DEFAULT, Defaults.DEFAULT,
                Map.of(UPLOADED, new EventDefinition(UPLOADED, "uploaded", uploaded, List.of(), HERE),
                        READY, new EventDefinition(READY, "ready", ready, List.of(), HERE)),
                Map.of(TRANSCRIBE, new CommandDefinition(TRANSCRIBE, "transcribe", uploaded, List.of(),
                        new QueueSettings(CommandDefinition.defaultQueueName(TRANSCRIBE), 5, QueueType.QUORUM, RETRY), HERE)),
                Map.of("transcriber", new Subscription("transcriber", List.of("fireflies.#"), QUEUE, HERE)),
                Path.of("topology.yaml"));
    }
}
