package dev.bloodbank.dsl;

import static dev.bloodbank.dsl.Pipeline.COMPLETED;
import static dev.bloodbank.dsl.Pipeline.PROCESS;
import static dev.bloodbank.dsl.Pipeline.SKIPPED;
import static dev.bloodbank.dsl.Pipeline.SUMMARIZED;
import static dev.bloodbank.dsl.Pipeline.UPLOADED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bloodbank.dsl.Pipeline.Completed;
import dev.bloodbank.dsl.Pipeline.Process;
import dev.bloodbank.dsl.Pipeline.Skipped;
import dev.bloodbank.dsl.Pipeline.Summarized;
import dev.bloodbank.dsl.Pipeline.Uploaded;
import dev.bloodbank.engine.ConsumerSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DescribeTest {

    static BloodbankApp pipeline() {
        var app = new BloodbankBuilder(Pipeline.topology(), Pipeline.SERVICE);
        app.nonRetryable(IllegalArgumentException.class);
        app.stream(UPLOADED, Uploaded.class).foreach(e -> {}, Named.as("log-upload"));
        app.stream(COMPLETED, Completed.class)
                .split(Named.as("by-length-"))
                .branch(e -> e.payload().durationSeconds() >= 60, Branched.withConsumer(
                        long_ -> long_.mapValues(c -> new Process(c.transcriptId(), "normal")).send(PROCESS), "long"))
                .defaultBranch(Branched.withConsumer(
                        short_ -> short_.mapValues(c -> new Skipped(c.transcriptId(), "too short")).to(SKIPPED), "short"));
        app.command(PROCESS, Process.class)
                .handle((p, ctx) -> ctx.publish(SUMMARIZED, new Summarized(p.transcriptId(), "summary")), Named.as("summarize"));
        return app.build();
    }

    @Test
    void describePrintsEachQueueWithItsNodesInWrittenOrder() {
        String nl = System.lineSeparator();
        assertEquals(String.join(nl,
                "Service: transcript-processor",
                "  Sub-topology: 0 (queue: bloodbank.sub.transcript-processor)",
                "    Source: source-0 (event: fireflies.transcript.uploaded as Uploaded)",
                "      --> log-upload",
                "    Processor: log-upload",
                "      --> none",
                "      <-- source-0",
                "    Source: source-2 (event: fireflies.transcript.completed as Completed)",
                "      --> by-length-",
                "    Processor: by-length-",
                "      --> by-length-long, by-length-short",
                "      <-- source-2",
                "    Processor: by-length-long",
                "      --> map-values-5",
                "      <-- by-length-",
                "    Processor: map-values-5",
                "      --> send-6",
                "      <-- by-length-long",
                "    Sink: send-6 (command: fireflies.transcript.process)",
                "      <-- map-values-5",
                "    Processor: by-length-short",
                "      --> map-values-8",
                "      <-- by-length-",
                "    Processor: map-values-8",
                "      --> to-9",
                "      <-- by-length-short",
                "    Sink: to-9 (event: fireflies.transcript.skipped)",
                "      <-- map-values-8",
                "  Sub-topology: 1 (queue: bloodbank.cmd.fireflies.transcript.process)",
                "    Source: command-10 (command: fireflies.transcript.process as Process)",
                "      --> summarize",
                "    Processor: summarize",
                "      --> none",
                "      <-- command-10",
                ""), pipeline().describe().toString());
    }

    @Test
    void describeIsTheSameOnEveryBuild() {
        assertEquals(pipeline().describe(), pipeline().describe());
    }

    @Test
    void oneConsumerPerQueueWithAHandlerPerKey() {
        List<ConsumerSpec> consumers = pipeline().consumers();
        assertEquals(2, consumers.size());
        ConsumerSpec subscription = consumers.get(0);
        assertEquals(Pipeline.SERVICE_QUEUE, subscription.queue().queue());
        assertEquals(Set.of(UPLOADED, COMPLETED), subscription.handlers().keySet());
        assertEquals(Set.of(IllegalArgumentException.class), subscription.nonRetryable());
        ConsumerSpec worker = consumers.get(1);
        assertEquals(Pipeline.PROCESS_QUEUE, worker.queue().queue());
        assertEquals(Pipeline.RETRY, worker.queue().retry());
        assertEquals(Set.of(PROCESS), worker.handlers().keySet());
        assertEquals(Pipeline.SERVICE, worker.service());
    }
}
