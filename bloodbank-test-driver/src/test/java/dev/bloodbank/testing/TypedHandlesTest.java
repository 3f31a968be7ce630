package dev.bloodbank.testing;

import static dev.bloodbank.dsl.Pipeline.COMPLETED;
import static dev.bloodbank.dsl.Pipeline.PROCESS;
import static dev.bloodbank.dsl.Pipeline.SERVICE;
import static dev.bloodbank.dsl.Pipeline.SKIPPED;
import static dev.bloodbank.dsl.Pipeline.SUMMARIZED;
import static dev.bloodbank.dsl.Pipeline.UPLOADED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.dsl.Branched;
import dev.bloodbank.dsl.CommandType;
import dev.bloodbank.dsl.EventType;
import dev.bloodbank.dsl.Pipeline;
import dev.bloodbank.dsl.Pipeline.Completed;
import dev.bloodbank.dsl.Pipeline.Process;
import dev.bloodbank.dsl.Pipeline.Skipped;
import dev.bloodbank.dsl.Pipeline.Summarized;
import dev.bloodbank.dsl.Pipeline.Uploaded;
import dev.bloodbank.engine.InMemoryDedupStore;
import dev.bloodbank.envelope.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("typed inputs and outputs, on one virtual clock")
class TypedHandlesTest {

    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    private static final EventType<Uploaded> UPLOADED_T = EventType.of(UPLOADED, Uploaded.class);
    private static final EventType<Completed> COMPLETED_T = EventType.of(COMPLETED, Completed.class);
    private static final EventType<Summarized> SUMMARIZED_T = EventType.of(SUMMARIZED, Summarized.class);
    private static final EventType<Skipped> SKIPPED_T = EventType.of(SKIPPED, Skipped.class);
    private static final CommandType<Process> PROCESS_T = CommandType.of(PROCESS, Process.class);

    private static BloodbankApp app(Consumer<BloodbankBuilder> wiring) {
        var builder = new BloodbankBuilder(Pipeline.topology(), SERVICE);
        wiring.accept(builder);
        return builder.build();
    }

    /** Long transcripts become process commands; the command publishes a summary. */
    private static BloodbankApp pipeline() {
        return app(app -> {
            app.stream(COMPLETED_T)
                    .filter(e -> e.payload().durationSeconds() >= 60)
                    .mapValues(c -> new Process(c.transcriptId(), "normal"))
                    .send(PROCESS_T);
            app.command(PROCESS_T).handle((p, ctx) -> ctx.publish(SUMMARIZED_T, new Summarized(p.transcriptId(), "of " + p.transcriptId())));
        });
    }

    @Test
    void anOutputReadsWhatHappenedSinceItsLastRead() {
        try (var driver = new BloodbankTestDriver(pipeline(), START)) {
            TestInput<Completed> completed = driver.input(COMPLETED_T);
            TestOutput<Process> process = driver.output(PROCESS_T);
            TestOutput<Summarized> summaries = driver.output(SUMMARIZED_T);

            completed.pipe(new Completed("tr-1", 1843, "Weekly sync"));
            assertEquals(new Process("tr-1", "normal"), process.readValue());
            assertTrue(process.isEmpty());
            assertThrows(NoSuchElementException.class, process::readValue);

            completed.pipe(new Completed("tr-2", 12, null));
            completed.pipe(new Completed("tr-3", 900, null));
            assertEquals(List.of(new Process("tr-3", "normal")), process.readValuesToList());
            assertEquals(List.of(new Summarized("tr-1", "of tr-1"), new Summarized("tr-3", "of tr-3")), summaries.readValuesToList());
            assertEquals(List.of(), summaries.readValuesToList());
            // the history lists do not consume
            assertEquals(2, driver.published(SUMMARIZED).size());
        }
    }

    @Test
    void theDriversClockStampsWhatThePipesAndWhatTheApplicationPublishes() {
        try (var driver = new BloodbankTestDriver(pipeline(), START)) {
            Envelope first = driver.input(COMPLETED_T).pipe(new Completed("tr-1", 1843, null));
            assertEquals(START, first.timestamp());
            assertEquals(START, driver.output(PROCESS_T).readEnvelope().timestamp());

            driver.advance(Duration.ofHours(2));
            driver.input(COMPLETED_T).pipe(new Completed("tr-2", 1843, null));
            assertEquals(START.plus(Duration.ofHours(2)), driver.output(PROCESS_T).readEnvelope().timestamp());

            Instant producerTime = START.minus(Duration.ofMinutes(5));
            Envelope late = driver.input(COMPLETED_T).pipe(new Completed("tr-3", 1843, null), producerTime);
            assertEquals(producerTime, late.timestamp());
            assertEquals(START.plus(Duration.ofHours(2)), driver.now(), "piping with a timestamp does not move the clock");
        }
    }

    @Test
    void theDedupWindowRunsOnTheDriversClock() {
        List<String> handled = new ArrayList<>();
        BloodbankApp app = app(a -> a.stream(COMPLETED_T).foreach(e -> handled.add(e.payload().transcriptId())));
        try (var driver = new BloodbankTestDriver(app, START)) {
            Envelope once = driver.input(COMPLETED_T).pipe(new Completed("tr-1", 60, null));
            driver.pipe(once);
            assertEquals(1, driver.duplicates());

            driver.advance(InMemoryDedupStore.DEFAULT_WINDOW.plusSeconds(1));
            driver.pipe(once);
            assertEquals(List.of("tr-1", "tr-1"), handled, "past the window the same id is handled again");
        }
    }

    @Test
    void headersPipedWithAPayloadReachTheHandler() {
        List<Object> seen = new ArrayList<>();
        BloodbankApp app = app(a -> a.stream(COMPLETED_T).handle((c, ctx) -> seen.add(ctx.headers().get("tenant"))));
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.input(COMPLETED_T).pipe(new Completed("tr-1", 60, null), Map.of("tenant", "acme"));
            assertEquals(List.of("acme"), seen);
        }
    }

    @Test
    void retriesAndDeadLettersAreTypedViews() {
        BloodbankApp app = app(a -> a.command(PROCESS_T).handle((p, ctx) -> {
            throw new IllegalStateException("summarizer down for " + p.transcriptId());
        }));
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.input(PROCESS_T).pipe(new Process("tr-9", "high"));
            List<Retrying<Process>> retrying = driver.retries(PROCESS_T);
            assertEquals(1, retrying.size());
            assertEquals(new Process("tr-9", "high"), retrying.get(0).value());
            assertEquals(2, retrying.get(0).attempt());
            assertEquals(START.plus(Pipeline.RETRY.initialDelay()), retrying.get(0).dueAt());

            driver.advanceUntilSettled();
            List<DeadLettered<Process>> dead = driver.deadLetters(PROCESS_T);
            assertEquals(1, dead.size());
            assertEquals(new Process("tr-9", "high"), dead.get(0).value());
            assertEquals(3, dead.get(0).attempts());
            assertTrue(dead.get(0).deadLetter().errorMessage().contains("summarizer down for tr-9"), dead.get(0)::toString);
            assertEquals(List.of(), driver.deadLetters(COMPLETED_T));
        }
    }

    @Test
    void aPatternStreamDispatchesByKeyToTypedBranchesAndKeepsTheRestAsJson() {
        List<String> seen = new ArrayList<>();
        BloodbankApp app = app(a -> a.stream("fireflies.transcript.*").split()
                .branch(UPLOADED_T, s -> s.foreach(e -> seen.add("uploaded " + e.payload().mediaFile())))
                .defaultBranch(Branched.withConsumer(s -> s.foreach(e -> seen.add(e.key() + " " + e.payload().get("transcript_id").asText())))));
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.input(UPLOADED_T).pipe(new Uploaded("/rec/a.m4a", 312));
            driver.input(COMPLETED_T).pipe(new Completed("tr-1", 60, null));
            assertEquals(List.of("uploaded /rec/a.m4a", COMPLETED + " tr-1"), seen);
        }
    }

    @Test
    void processValuesSeesTheContextAndForwardsZeroOrMorePayloads() {
        BloodbankApp app = app(a -> a.stream(COMPLETED_T)
                .<Summarized>processValues((c, ctx) -> {
                    if (c.durationSeconds() < 60) {
                        ctx.publish(SKIPPED_T, new Skipped(c.transcriptId(), "too short"));
                        return List.of();
                    }
                    return List.of(new Summarized(c.transcriptId(), "part 1 of attempt " + ctx.attempt()),
                            new Summarized(c.transcriptId(), "part 2"));
                })
                .to(SUMMARIZED_T));
        try (var driver = new BloodbankTestDriver(app, START)) {
            driver.input(COMPLETED_T).pipe(new Completed("tr-1", 12, null));
            driver.input(COMPLETED_T).pipe(new Completed("tr-2", 600, null));
            assertEquals(List.of(new Skipped("tr-1", "too short")), driver.output(SKIPPED_T).readValuesToList());
            assertEquals(List.of(new Summarized("tr-2", "part 1 of attempt 1"), new Summarized("tr-2", "part 2")),
                    driver.output(SUMMARIZED_T).readValuesToList());
        }
    }

    @Test
    void aTypedKeyOfTheWrongKindIsRefusedWithTheKeysRealKind() {
        try (var driver = new BloodbankTestDriver(pipeline(), START)) {
            EventType<Process> wrong = EventType.of(PROCESS, Process.class);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> driver.output(wrong));
            assertEquals("'" + PROCESS + "' is a command in the topology, but event " + PROCESS + " (Process) names it an event",
                    e.getMessage());
        }
    }

    @Test
    void aJsonPayloadFromAPatternStreamIsKeptAsTheEnvelopesJson() {
        List<JsonNode> seen = new ArrayList<>();
        BloodbankApp app = app(a -> a.stream("fireflies.transcript.#").foreach(e -> seen.add(e.payload())));
        try (var driver = new BloodbankTestDriver(app, START)) {
            Envelope piped = driver.input(UPLOADED_T).pipe(new Uploaded("/rec/b.m4a", 5));
            assertEquals(List.of(piped.payload()), seen);
        }
    }
}
