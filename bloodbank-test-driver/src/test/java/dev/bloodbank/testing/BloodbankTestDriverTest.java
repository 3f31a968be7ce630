package dev.bloodbank.testing;

import static dev.bloodbank.dsl.Pipeline.ARCHIVE_QUEUE;
import static dev.bloodbank.dsl.Pipeline.COMPLETED;
import static dev.bloodbank.dsl.Pipeline.PROCESS;
import static dev.bloodbank.dsl.Pipeline.PROCESS_QUEUE;
import static dev.bloodbank.dsl.Pipeline.SERVICE;
import static dev.bloodbank.dsl.Pipeline.SERVICE_QUEUE;
import static dev.bloodbank.dsl.Pipeline.SKIPPED;
import static dev.bloodbank.dsl.Pipeline.SUMMARIZED;
import static dev.bloodbank.dsl.Pipeline.UPLOADED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.dsl.Branched;
import dev.bloodbank.dsl.Named;
import dev.bloodbank.dsl.Pipeline;
import dev.bloodbank.dsl.Pipeline.Completed;
import dev.bloodbank.dsl.Pipeline.Process;
import dev.bloodbank.dsl.Pipeline.Skipped;
import dev.bloodbank.dsl.Pipeline.Summarized;
import dev.bloodbank.dsl.Pipeline.Uploaded;
import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.engine.Headers;
import dev.bloodbank.engine.Outcome;
import dev.bloodbank.envelope.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BloodbankTestDriverTest {

    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    private static BloodbankApp app(Consumer<BloodbankBuilder> wiring) {
        var builder = new BloodbankBuilder(Pipeline.topology(), SERVICE);
        wiring.accept(builder);
        return builder.build();
    }

    /** Long transcripts become process commands; the command publishes a summary. */
    private static BloodbankApp pipeline() {
        return app(app -> {
            app.stream(COMPLETED, Completed.class)
                    .filter(e -> e.payload().durationSeconds() >= 60)
                    .mapValues(c -> new Process(c.transcriptId(), "normal"))
                    .send(PROCESS);
            app.command(PROCESS, Process.class)
                    .handle((p, ctx) -> ctx.publish(SUMMARIZED, new Summarized(p.transcriptId(), "summary of " + p.transcriptId())));
        });
    }

    @Test
    @DisplayName("outputs carry the id of the message that caused them in correlation_ids")
    void happyPathCorrelatesEachOutputWithItsCause() {
        try (var driver = new BloodbankTestDriver(pipeline(), START)) {
            Envelope input = driver.pipe(COMPLETED, new Completed("tr-1", 1843, "Weekly sync"));

            Envelope command = driver.sent(PROCESS).get(0);
            assertEquals(List.of(input.eventId()), command.correlationIds());
            assertEquals(List.of(new Process("tr-1", "normal")), driver.sent(PROCESS, Process.class));
            Envelope summary = driver.published(SUMMARIZED).get(0);
            assertEquals(List.of(command.eventId()), summary.correlationIds());
            assertEquals(new Summarized("tr-1", "summary of tr-1"), driver.published(SUMMARIZED, Summarized.class).get(0));
            assertEquals(SERVICE, summary.source().app());
        }
    }

    @Test
    void aStreamHandlerSeesTheContextAndPublishesAndSendsThroughIt() {
        List<String> seen = new ArrayList<>();
        var app = app(a -> a.stream(COMPLETED, Completed.class).handle((completed, ctx) -> {
            seen.add(ctx.service() + " " + ctx.attempt() + " " + ctx.envelope().eventType() + " " + ctx.headers());
            ctx.send(PROCESS, new Process(completed.transcriptId(), "low"));
            ctx.publish(SKIPPED, Map.of("transcript_id", completed.transcriptId(), "reason", "queued"));
        }));
        try (var driver = new BloodbankTestDriver(app, START)) {
            Envelope input = driver.pipe(COMPLETED, new Completed("tr-1", 100, null));
            assertEquals(List.of("transcript-processor 1 fireflies.transcript.completed {}"), seen);
            assertEquals(List.of(new Process("tr-1", "low")), driver.sent(PROCESS, Process.class));
            assertEquals(List.of(new Skipped("tr-1", "queued")), driver.published(SKIPPED, Skipped.class));
            assertEquals(List.of(input.eventId()), driver.published(SKIPPED).get(0).correlationIds());
            assertEquals(1, driver.queue(PROCESS_QUEUE).size(), "the command waits for its worker, another service");
        }
    }

    @Test
    void filteredEventsAreAcknowledgedWithoutOutput() {
        try (var driver = new BloodbankTestDriver(pipeline(), START)) {
            driver.pipe(COMPLETED, new Completed("tr-2", 12, null));
            assertEquals(List.of(), driver.sent());
            assertInstanceOf(Outcome.Handled.class, driver.history().get(0).outcome());
        }
    }

    @Test
    void publishedEventsReachEveryMatchingSubscriptionQueue() {
        try (var driver = new BloodbankTestDriver(pipeline(), START)) {
            driver.pipe(COMPLETED, new Completed("tr-1", 1843, null));
            // the archive subscribes to "#": it got the piped event and the summary, not the command
            assertEquals(List.of(COMPLETED, SUMMARIZED),
                    driver.queue(ARCHIVE_QUEUE).stream().map(QueuedMessage::routingKey).toList());
            assertEquals(List.of(SERVICE_QUEUE, PROCESS_QUEUE), driver.history().stream().map(Processed::queue).toList());
        }
    }

    @Test
    void theApplicationsOwnSubscriptionReceivesWhatItPublishes() {
        List<String> seen = new ArrayList<>();
        var app = app(a -> {
            a.stream(UPLOADED, Uploaded.class)
                    .mapValues(u -> new Completed("tr-" + u.mediaDurationSeconds(), u.mediaDurationSeconds(), null))
                    .to(COMPLETED);
            a.stream(COMPLETED, Completed.class).foreach(e -> seen.add(e.payload().transcriptId()));
        });
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(UPLOADED, new Uploaded("/rec/a.m4a", 312));
            assertEquals(List.of("tr-312"), seen);
        }
    }

    @Test
    void splitRoutesEachEventToTheFirstMatchingBranchOrTheDefault() {
        var app = app(a -> a.stream(COMPLETED, Completed.class)
                .split(Named.as("by-length-"))
                .branch(e -> e.payload().durationSeconds() >= 3600, Branched.withConsumer(
                        s -> s.mapValues(c -> new Process(c.transcriptId(), "low")).send(PROCESS), "huge"))
                .branch(e -> e.payload().durationSeconds() >= 60, Branched.withConsumer(
                        s -> s.mapValues(c -> new Process(c.transcriptId(), "high")).send(PROCESS), "long"))
                .defaultBranch(Branched.withConsumer(
                        s -> s.mapValues(c -> new Skipped(c.transcriptId(), "too short")).to(SKIPPED), "short")));
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(COMPLETED, new Completed("tr-a", 7200, null));
            driver.pipe(COMPLETED, new Completed("tr-b", 600, null));
            driver.pipe(COMPLETED, new Completed("tr-c", 5, null));
            assertEquals(List.of(new Process("tr-a", "low"), new Process("tr-b", "high")), driver.sent(PROCESS, Process.class));
            assertEquals(List.of(new Skipped("tr-c", "too short")), driver.published(SKIPPED, Skipped.class));
        }
    }

    @Test
    void branchesWithoutConsumerComeBackByNameAndUnmatchedEventsAreDroppedWithoutDefault() {
        List<String> long_ = new ArrayList<>();
        List<String> medium = new ArrayList<>();
        var app = app(a -> {
            var branches = a.stream(COMPLETED, Completed.class)
                    .split()
                    .branch(e -> e.payload().durationSeconds() >= 3600)
                    .branch(e -> e.payload().durationSeconds() >= 60, Branched.as("medium"))
                    .noDefaultBranch();
            assertEquals(List.of("split-1-1", "split-1-medium"), List.copyOf(branches.keySet()));
            branches.get("split-1-1").foreach(e -> long_.add(e.payload().transcriptId()));
            branches.get("split-1-medium").foreach(e -> medium.add(e.payload().transcriptId()));
        });
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(COMPLETED, new Completed("tr-a", 7200, null));
            driver.pipe(COMPLETED, new Completed("tr-b", 600, null));
            driver.pipe(COMPLETED, new Completed("tr-c", 5, null));
            assertEquals(List.of("tr-a"), long_);
            assertEquals(List.of("tr-b"), medium);
            assertEquals(3, driver.history().stream().filter(p -> p.outcome() instanceof Outcome.Handled).count());
        }
    }

    @Test
    void flatMapMergeAndPeekForwardEveryValue() {
        List<String> peeked = new ArrayList<>();
        var app = app(a -> {
            var completed = a.stream(COMPLETED, Completed.class);
            var parts = completed.flatMapValues(c -> List.of(c.transcriptId() + "#1", c.transcriptId() + "#2"));
            var whole = completed.filterNot(e -> e.payload().durationSeconds() < 60).mapValues(Completed::transcriptId);
            parts.merge(whole)
                    .peek(e -> peeked.add(e.payload()))
                    .mapValues(id -> new Summarized(id, "part"))
                    .to(SUMMARIZED);
        });
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(COMPLETED, new Completed("tr-1", 100, null));
            assertEquals(List.of("tr-1#1", "tr-1#2", "tr-1"), peeked);
            assertEquals(3, driver.published(SUMMARIZED).size());
        }
    }

    @Test
    void aFailingHandlerIsRetriedWithBackOffThenDeadLettered() {
        List<Integer> attempts = new ArrayList<>();
        var app = app(a -> a.command(PROCESS, Process.class).handle((p, ctx) -> {
            attempts.add(ctx.attempt());
            throw new IllegalStateException("fireflies is down");
        }));
        try (var driver = new BloodbankTestDriver(app, START)) {
            Envelope input = driver.pipe(PROCESS, new Process("tr-1", "high"));

            PendingRetry first = driver.retries().get(0);
            assertEquals(PROCESS_QUEUE + ".retry.100ms", first.retryQueue());
            assertEquals(Duration.ofMillis(100), first.delay());
            assertEquals(START.plusMillis(100), first.dueAt());
            assertEquals(2, first.attempt());
            assertEquals("2", first.message().header(Headers.ATTEMPT));
            assertEquals("bloodbank.retry.v1", first.message().exchange(), "filed as the runtime sends it");
            assertEquals(first.retryQueue(), first.message().routingKey());
            assertEquals(PROCESS, first.routingKey(), "the key it was first published with");

            driver.advance(Duration.ofMillis(99));
            assertEquals(List.of(1), attempts);
            driver.advance(Duration.ofMillis(1));
            assertEquals(List.of(1, 2), attempts);
            assertEquals(Duration.ofMillis(200), driver.retries().get(0).delay());

            assertEquals(Duration.ofMillis(200), driver.advanceUntilSettled());
            assertEquals(List.of(1, 2, 3), attempts);
            assertEquals(List.of(), driver.retries());
            DeadLetter dead = driver.deadLetters(PROCESS_QUEUE + ".dlq").get(0);
            assertEquals("handler-failed", dead.reason());
            assertEquals(3, dead.attempts());
            assertEquals(IllegalStateException.class.getName(), dead.errorClass());
            assertEquals("fireflies is down", dead.errorMessage());
            assertEquals(PROCESS_QUEUE, dead.header(Headers.ORIGINAL_QUEUE));
            assertEquals("bloodbank.commands.v1", dead.header(Headers.ORIGINAL_EXCHANGE));
            assertEquals(PROCESS, dead.header(Headers.ORIGINAL_ROUTING_KEY));
            assertEquals(SERVICE, dead.header(Headers.SERVICE));
            assertTrue(dead.header(Headers.STACK_TRACE).startsWith("java.lang.IllegalStateException: fireflies is down"));
            assertEquals(input.eventId(), dead.envelope().orElseThrow().eventId());
            assertEquals(List.of(), driver.published());
        }
    }

    @Test
    void aNonRetryableExceptionDeadLettersAtOnce() {
        var app = app(a -> {
            a.nonRetryable(IllegalArgumentException.class);
            a.command(PROCESS, Process.class).handle((p, ctx) -> {
                throw new IllegalArgumentException("unknown transcript " + p.transcriptId());
            });
        });
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(PROCESS, new Process("tr-9", null));
            assertEquals(List.of(), driver.retries());
            assertEquals(1, driver.deadLetters().get(0).attempts());
            assertEquals("unknown transcript tr-9", driver.deadLetters().get(0).errorMessage());
        }
    }

    @Test
    void aCommandCanRefuseRetriesForItsOwnExceptionTypes() {
        var app = app(a -> {
            a.command(PROCESS, Process.class)
                    .nonRetryable(UnsupportedOperationException.class)
                    .handle((p, ctx) -> {
                        throw new UnsupportedOperationException("no " + p.priority() + " lane");
                    });
            a.stream(COMPLETED, Completed.class).foreach(e -> {
                throw new UnsupportedOperationException("retried: the rule is the command's only");
            });
        });
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(PROCESS, new Process("tr-1", "high"));
            driver.pipe(COMPLETED, new Completed("tr-1", 100, null));
            assertEquals(List.of(SERVICE_QUEUE), driver.retries().stream().map(PendingRetry::workQueue).toList());
            assertEquals(List.of(1), driver.deadLetters().stream().map(DeadLetter::attempts).toList());
            assertEquals("no high lane", driver.deadLetters(PROCESS_QUEUE + ".dlq").get(0).errorMessage());
        }
    }

    @Test
    void aSchemaInvalidInputIsDeadLetteredWithoutRunningTheHandler() {
        List<Completed> handled = new ArrayList<>();
        var app = app(a -> a.stream(COMPLETED, Completed.class).foreach(e -> handled.add(e.payload())));
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(COMPLETED, Map.of("transcript_id", "", "duration_seconds", -1));
            DeadLetter dead = driver.deadLetters(SERVICE_QUEUE + ".dlq").get(0);
            assertEquals("schema-violation", dead.reason());
            assertTrue(dead.errorMessage().contains("#/transcript_id"), dead::errorMessage);
            assertEquals(1, dead.attempts());
            assertEquals(List.of(), handled);
        }
    }

    @Test
    void aBodyThatIsNotJsonIsDeadLettered() {
        try (var driver = new BloodbankTestDriver(pipeline(), START)) {
            driver.pipeRaw(COMPLETED, "not json".getBytes(StandardCharsets.UTF_8));
            DeadLetter dead = driver.deadLetters().get(0);
            assertEquals("invalid-json", dead.reason());
            assertEquals("not json", dead.bodyText());
        }
    }

    @Test
    void aPayloadValidForItsSchemaButNotForTheJavaTypeIsDeadLetteredAtOnce() {
        var typed = new BloodbankBuilder(Pipeline.topology(), SERVICE);
        typed.stream(UPLOADED, Uploaded.class).foreach(e -> {});
        try (var driver = new BloodbankTestDriver(typed.build(), START)) {
            driver.pipe(UPLOADED, Map.of("media_file", "/a.m4a", "media_duration_seconds", 3_000_000_000L));
            DeadLetter dead = driver.deadLetters().get(0);
            assertEquals("handler-failed", dead.reason());
            assertEquals(1, dead.attempts());
            assertTrue(dead.errorMessage().contains("does not bind to " + Uploaded.class.getName()), dead::errorMessage);
        }
    }

    @Test
    void aStreamOfJsonNodesSeesThePayloadAsItArrived() {
        List<String> seen = new ArrayList<>();
        var app = app(a -> a.stream(COMPLETED, com.fasterxml.jackson.databind.JsonNode.class)
                .foreach(e -> seen.add(e.payload().toString())));
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(COMPLETED, new Completed("tr-1", 61, null));
            assertEquals(List.of("{\"transcript_id\":\"tr-1\",\"duration_seconds\":61}"), seen);
        }
    }

    @Test
    void aRedeliveredEventIsAcknowledgedAsDuplicate() {
        List<String> handled = new ArrayList<>();
        var app = app(a -> a.stream(COMPLETED, Completed.class).foreach(e -> handled.add(e.payload().transcriptId())));
        try (var driver = new BloodbankTestDriver(app, START)) {
            Envelope once = driver.pipe(COMPLETED, new Completed("tr-1", 100, null));
            driver.pipe(once);
            assertEquals(List.of("tr-1"), handled);
            assertEquals(1, driver.duplicates());
            assertInstanceOf(Outcome.Duplicate.class, driver.history().get(1).outcome());
        }
    }

    @Test
    void aHandlerThatPublishesNothingOnFailurePublishesNothingAtAll() {
        var app = app(a -> a.command(PROCESS, Process.class).handle((p, ctx) -> {
            ctx.publish(SUMMARIZED, new Summarized(p.transcriptId(), "half"));
            throw new IllegalStateException("crashed after publishing");
        }));
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(PROCESS, new Process("tr-1", null));
            driver.advanceUntilSettled();
            assertEquals(List.of(), driver.published());
            assertEquals(1, driver.deadLetters().size());
        }
    }

    @Test
    void publishingWithTheWrongKindOrAnInvalidPayloadIsNotRetried() {
        var app = app(a -> a.command(PROCESS, Process.class).handle((p, ctx) -> {
            if (p.transcriptId().equals("kind")) ctx.publish(PROCESS, p);
            else ctx.publish(SUMMARIZED, new Summarized(p.transcriptId(), ""));
        }));
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(PROCESS, new Process("kind", null));
            driver.pipe(PROCESS, new Process("tr-1", null));
            assertEquals(List.of(), driver.retries());
            List<DeadLetter> dead = driver.deadLetters();
            assertTrue(dead.get(0).errorMessage().contains("is a command, not an event"), dead.get(0)::errorMessage);
            assertTrue(dead.get(1).errorMessage().contains("summary"), dead.get(1)::errorMessage);
        }
    }

    @Test
    void aChainThatMapsToNullDeadLettersInsteadOfPublishingNothing() {
        var app = app(a -> a.stream(COMPLETED, Completed.class).mapValues(c -> (Summarized) null).to(SUMMARIZED));
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.pipe(COMPLETED, new Completed("tr-1", 100, null));
            assertEquals("the payload for 'fireflies.transcript.summarized' is null", driver.deadLetters().get(0).errorMessage());
            assertEquals(1, driver.deadLetters().get(0).attempts());
        }
    }

    @Test
    void anApplicationThatFeedsItselfForeverIsStopped() {
        var app = app(a -> a.stream(COMPLETED, Completed.class).to(COMPLETED));
        try (var driver = new BloodbankTestDriver(app, START)) {
            var error = assertThrows(IllegalStateException.class, () -> driver.pipe(COMPLETED, new Completed("tr-1", 1, null)));
            assertTrue(error.getMessage().contains("keeps consuming what it publishes"), error::getMessage);
        }
    }

    @Test
    void pipingAnUndeclaredKeyIsRefusedWithTheReason() {
        try (var driver = new BloodbankTestDriver(pipeline(), START)) {
            var error = assertThrows(IllegalArgumentException.class, () -> driver.pipe("fireflies.transcript.lost", Map.of()));
            assertTrue(error.getMessage().contains("declares no event or command 'fireflies.transcript.lost'"), error::getMessage);
        }
    }

    @Test
    void eventsNoSubscriptionWantsAreKeptAsUnrouted() {
        var topology = Pipeline.topology();
        var onlyService = new dev.bloodbank.topology.Topology(topology.apiVersion(), topology.exchanges(), topology.defaults(),
                topology.events(), topology.commands(), Map.of(SERVICE, topology.subscriptions().get(SERVICE)), topology.source());
        var builder = new BloodbankBuilder(onlyService, SERVICE);
        builder.stream(COMPLETED, Completed.class).mapValues(c -> new Skipped(c.transcriptId(), "no")).to(SKIPPED);
        try (var driver = new BloodbankTestDriver(builder.build(), START)) {
            driver.pipe(COMPLETED, new Completed("tr-1", 1, null));
            assertEquals(List.of(SKIPPED), driver.unrouted().stream().map(Envelope::eventType).toList());
        }
    }
}
