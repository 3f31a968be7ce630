package dev.bloodbank.dsl;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small transcript pipeline topology for DSL and driver tests, and the payload records that go
 * with it. Public so that the driver's tests in bloodbank-test-driver share it (through this module's test jar).
 */
public final class Pipeline {

    public static final String UPLOADED = "fireflies.transcript.uploaded";
    public static final String COMPLETED = "fireflies.transcript.completed";
    public static final String SUMMARIZED = "fireflies.transcript.summarized";
    public static final String SKIPPED = "fireflies.transcript.skipped";
    public static final String PROCESS = "fireflies.transcript.process";
    public static final String SERVICE = "transcript-processor";
    public static final String SERVICE_QUEUE = "bloodbank.sub.transcript-processor";
    public static final String ARCHIVE_QUEUE = "bloodbank.sub.archive";
    public static final String PROCESS_QUEUE = "bloodbank.cmd.fireflies.transcript.process";
    /** Three deliveries: 100 ms, then 200 ms of back-off. */
    public static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    public record Uploaded(String mediaFile, int mediaDurationSeconds) {}
    public record Completed(String transcriptId, int durationSeconds, String title) {}
    public record Summarized(String transcriptId, String summary) {}
    public record Skipped(String transcriptId, String reason) {}
    public record Process(String transcriptId, String priority) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Location HERE = Location.of(Path.of("topology.yaml"));

    private Pipeline() {}

    public static Topology topology() {
        Map<String, EventDefinition> events = new LinkedHashMap<>();
        events.put(UPLOADED, event(UPLOADED, """
                {"type":"object","required":["media_file","media_duration_seconds"],
                 "properties":{"media_file":{"type":"string","minLength":1},"media_duration_seconds":{"type":"integer","minimum":0}}}""",
                "{\"media_file\":\"/rec/a.m4a\",\"media_duration_seconds\":312}"));
        events.put(COMPLETED, event(COMPLETED, """
                {"type":"object","additionalProperties":false,"required":["transcript_id","duration_seconds"],
                 "properties":{"transcript_id":{"type":"string","minLength":1},"duration_seconds":{"type":"integer","minimum":0},
                               "title":{"type":"string"}}}""",
                "{\"transcript_id\":\"tr-1\",\"duration_seconds\":1843,\"title\":\"Weekly sync\"}",
                "{\"transcript_id\":\"tr-2\",\"duration_seconds\":12}"));
        events.put(SUMMARIZED, event(SUMMARIZED, """
                {"type":"object","required":["transcript_id","summary"],
                 "properties":{"transcript_id":{"type":"string"},"summary":{"type":"string","minLength":1}}}""",
                "{\"transcript_id\":\"tr-1\",\"summary\":\"Shipped the DSL.\"}"));
        events.put(SKIPPED, event(SKIPPED, """
                {"type":"object","required":["transcript_id","reason"],
                 "properties":{"transcript_id":{"type":"string"},"reason":{"type":"string"}}}""",
                "{\"transcript_id\":\"tr-2\",\"reason\":\"too short\"}"));
        Map<String, CommandDefinition> commands = new LinkedHashMap<>();
        commands.put(PROCESS, new CommandDefinition(PROCESS, "Process a transcript.", schema("""
                {"type":"object","additionalProperties":false,"required":["transcript_id"],
                 "properties":{"transcript_id":{"type":"string","minLength":1},"priority":{"enum":["low","normal","high"]}}}"""),
                List.of(json("{\"transcript_id\":\"tr-1\",\"priority\":\"high\"}")),
                new QueueSettings(PROCESS_QUEUE, 5, QueueType.QUORUM, RETRY), HERE));
        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        subscriptions.put(SERVICE, new Subscription(SERVICE, List.of("fireflies.transcript.uploaded", "fireflies.transcript.completed"),
                new QueueSettings(SERVICE_QUEUE, 10, QueueType.QUORUM, RETRY), HERE));
        subscriptions.put("archive", new Subscription("archive", List.of("#"),
                new QueueSettings(ARCHIVE_QUEUE, 10, QueueType.QUORUM, RETRY), HERE));
        return new Topology(Topology.API_VERSION, Exchanges.DEFAULT, Defaults.DEFAULT, events, commands, subscriptions,
                Path.of("topology.yaml"));
    }

    private static EventDefinition event(String key, String schema, String... examples) {
        return new EventDefinition(key, key, schema(schema), java.util.Arrays.stream(examples).map(Pipeline::json).toList(), HERE);
    }

    private static MessageSchema schema(String text) {
        return MessageSchema.compile(json(text));
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
