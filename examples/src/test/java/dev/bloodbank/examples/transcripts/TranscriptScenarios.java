package dev.bloodbank.examples.transcripts;

import static dev.bloodbank.examples.transcripts.TranscriptPipeline.COMPLETED;
import static dev.bloodbank.examples.transcripts.TranscriptPipeline.FAILED;
import static dev.bloodbank.examples.transcripts.TranscriptPipeline.PROCESS;
import static dev.bloodbank.examples.transcripts.TranscriptPipeline.SUBMITTED;
import static dev.bloodbank.examples.transcripts.TranscriptPipeline.SUMMARIZED;
import static dev.bloodbank.examples.transcripts.TranscriptPipeline.UPLOADED;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The transcript processor's behaviour, written once and run on two transports: the in-memory
 * test driver ({@link DriverTranscriptScenariosTest}) and RabbitMQ with the real runtime
 * ({@link BrokerTranscriptScenariosTest}). Both must pass the same assertions; that is the
 * evidence that a test passing in memory predicts the behaviour on the broker.
 *
 * <p>Assertions that something did not happen use a later message as a fence: a queue has one
 * consumer and delivers in order, so once the later message's output is seen, the earlier one
 * was handled. No sleeps.
 */
abstract class TranscriptScenarios {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:15:31Z"), ZoneOffset.UTC);

    final Topology topology = TranscriptTopology.fast();
    final ScriptedTranscriber transcriber = new ScriptedTranscriber();
    final CountingListener listener = new CountingListener();
    final BloodbankApp app = TranscriptPipeline.build(topology, transcriber, new SpeakerSummarizer(), CLOCK);
    final QueueSettings subscription = topology.subscription(TranscriptPipeline.SERVICE).orElseThrow().queue();
    final QueueSettings worker = topology.command(PROCESS).orElseThrow().worker();
    Bus bus;

    @AfterEach
    void closeBus() throws Exception {
        if (bus != null) bus.close();
    }

    static TranscriptUploaded upload(String file, int seconds) {
        return new TranscriptUploaded(file, seconds, "audio", "Weekly sync", "mtg-1", "en", "jarad");
    }

    static TranscriptCompleted completed(String id, int seconds) {
        return new TranscriptCompleted("ff-" + id, id, "Weekly sync", seconds, "en",
                List.of(new TranscriptCompleted.Speaker("Jarad", 0.6 * seconds), new TranscriptCompleted.Speaker("Mira", 0.4 * seconds)),
                10, "https://app.fireflies.ai/view/" + id, Instant.parse("2026-11-27T10:21:08Z"));
    }

    static TranscriptFailed failed(String file, boolean retryable) {
        return new TranscriptFailed(file, null, retryable ? "timeout" : "media_unreadable", "it failed", retryable);
    }

    <T> T payload(Envelope envelope, Class<T> type) {
        return app.payloads().read(envelope.payload(), type);
    }

    @Test
    @DisplayName("an upload becomes a process command, the command a submission, each correlated with its cause")
    void happyPathWithOutputsAndCorrelationIds() {
        Envelope upload = bus.pipe(UPLOADED, upload("/rec/sync.m4a", 1843));

        Envelope command = bus.sent(PROCESS, 1).get(0);
        assertEquals(List.of(upload.eventId()), command.correlationIds());
        assertEquals(new ProcessTranscript("/rec/sync.m4a", "mtg-1", "en", "normal", true), payload(command, ProcessTranscript.class));

        Envelope submitted = bus.published(SUBMITTED, 1).get(0);
        assertEquals(List.of(command.eventId()), submitted.correlationIds());
        assertEquals(new TranscriptSubmitted("/rec/sync.m4a", "ff-job-" + "/rec/sync.m4a".hashCode(), CLOCK.instant(),
                transcriber.webhookUrl(), "en"), payload(submitted, TranscriptSubmitted.class));
        assertEquals(TranscriptPipeline.SERVICE, submitted.source().app());
    }

    @Test
    @DisplayName("split: long transcripts are summarized, short ones are not")
    void splitRoutesLongTranscriptsToTheSummary() {
        bus.pipe(COMPLETED, completed("tr-short", 30));
        Envelope longer = bus.pipe(COMPLETED, completed("tr-long", 1843));

        List<Envelope> summaries = bus.published(SUMMARIZED, 1);
        assertEquals(1, summaries.size(), () -> "only the long transcript is summarized: " + summaries);
        TranscriptSummarized summary = payload(summaries.get(0), TranscriptSummarized.class);
        assertEquals("tr-long", summary.transcriptId());
        assertEquals("Weekly sync: 2 speakers over 31 minutes. Jarad spoke most (60%).", summary.summary());
        assertEquals(List.of(longer.eventId()), summaries.get(0).correlationIds());
    }

    @Test
    @DisplayName("filter: only retryable failures are submitted again")
    void filterResubmitsOnlyRetryableFailures() {
        bus.pipe(FAILED, failed("/rec/broken.m4a", false));
        bus.pipe(FAILED, failed("/rec/timeout.m4a", true));

        List<Envelope> commands = bus.sent(PROCESS, 1);
        assertEquals(1, commands.size(), () -> "only the retryable failure is resubmitted: " + commands);
        assertEquals(new ProcessTranscript("/rec/timeout.m4a", null, null, "low", true), payload(commands.get(0), ProcessTranscript.class));
    }

    @Test
    @DisplayName("a failing handler is retried, then dead-lettered with the failure in its headers")
    void handlerFailureRetriesThenDeadLetters() {
        transcriber.mode(ScriptedTranscriber.Mode.FAIL);
        Envelope command = bus.pipe(PROCESS, new ProcessTranscript("/rec/sync.m4a", null, null, "high", true));

        DeadLetter dead = bus.deadLetters(worker, 1).get(0);
        assertAll(
                () -> assertEquals("handler-failed", dead.reason()),
                () -> assertEquals(3, dead.attempts()),
                () -> assertEquals(IllegalStateException.class.getName(), dead.errorClass()),
                () -> assertEquals("fireflies answered 503 for /rec/sync.m4a", dead.errorMessage()),
                () -> assertEquals(worker.queue(), dead.originalQueue()),
                () -> assertEquals(PROCESS, dead.originalRoutingKey()),
                () -> assertEquals(command.eventId().toString(), dead.messageId()),
                () -> assertEquals(Optional.of(command.eventId()), dead.envelope().map(Envelope::eventId)));
        assertEquals(3, transcriber.calls().size());
        assertEquals(List.of(), bus.published(SUBMITTED, 0));
    }

    @Test
    @DisplayName("a non-retryable exception dead-letters at once")
    void nonRetryableExceptionDeadLettersAtOnce() {
        transcriber.mode(ScriptedTranscriber.Mode.REJECT);
        bus.pipe(PROCESS, new ProcessTranscript("/rec/notes.txt", null, null, null, null));

        DeadLetter dead = bus.deadLetters(worker, 1).get(0);
        assertEquals(1, dead.attempts());
        assertEquals(RejectedMediaException.class.getName(), dead.errorClass());
        assertEquals(1, transcriber.calls().size());
    }

    @Test
    @DisplayName("an input that breaks its schema is dead-lettered without running the handler")
    void schemaInvalidInputIsDeadLettered() {
        Envelope invalid = bus.pipe(UPLOADED, Map.of("media_file", "/rec/sync.m4a", "media_duration_seconds", -5));

        DeadLetter dead = bus.deadLetters(subscription, 1).get(0);
        assertEquals("schema-violation", dead.reason());
        assertEquals(1, dead.attempts());
        assertNull(dead.errorClass());
        assertTrue(dead.errorMessage().startsWith("payload of fireflies.transcript.uploaded breaks its schema: "), dead::errorMessage);
        assertTrue(dead.errorMessage().contains("media_type"), dead::errorMessage);
        assertEquals(subscription.queue(), dead.originalQueue());
        assertEquals(UPLOADED, dead.originalRoutingKey());
        assertEquals(Optional.of(invalid.eventId()), dead.envelope().map(Envelope::eventId));
        assertEquals(List.of(), transcriber.calls());
    }

    @Test
    @DisplayName("a body that is not JSON is dead-lettered")
    void notJsonIsDeadLettered() {
        bus.pipeRaw(UPLOADED, "<xml/>".getBytes(StandardCharsets.UTF_8));

        DeadLetter dead = bus.deadLetters(subscription, 1).get(0);
        assertEquals("invalid-json", dead.reason());
        assertEquals(Optional.empty(), dead.envelope());
        assertEquals("<xml/>", dead.bodyText());
    }

    @Test
    @DisplayName("a redelivered event is acknowledged without being handled twice")
    void duplicateIsSuppressed() {
        Envelope once = bus.pipe(UPLOADED, upload("/rec/a.m4a", 600));
        bus.sent(PROCESS, 1);
        bus.pipeAgain(once);
        Envelope fence = bus.pipe(UPLOADED, upload("/rec/b.m4a", 600));

        List<Envelope> commands = bus.sent(PROCESS, 2);
        assertEquals(List.of(List.of(once.eventId()), List.of(fence.eventId())),
                commands.stream().map(Envelope::correlationIds).toList());
        assertEquals(1, listener.duplicates(UPLOADED));
    }
}
