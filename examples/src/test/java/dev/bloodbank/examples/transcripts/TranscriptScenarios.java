package dev.bloodbank.examples.transcripts;

import static dev.bloodbank.examples.bus.Commands.FIREFLIES_TRANSCRIPT_PROCESS;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_COMPLETED;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_FAILED;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_SUBMITTED;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_SUMMARIZED;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_UPLOADED;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.MessageType;
import dev.bloodbank.examples.bus.fireflies.TranscriptCompleted;
import dev.bloodbank.examples.bus.fireflies.TranscriptFailed;
import dev.bloodbank.examples.bus.fireflies.TranscriptProcess;
import dev.bloodbank.examples.bus.fireflies.TranscriptSubmitted;
import dev.bloodbank.examples.bus.fireflies.TranscriptSummarized;
import dev.bloodbank.examples.bus.fireflies.TranscriptUploaded;
import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Topology;
import java.net.URI;
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
    final QueueSettings worker = topology.command(FIREFLIES_TRANSCRIPT_PROCESS.key()).orElseThrow().worker();
    Bus bus;

    @AfterEach
    void closeBus() throws Exception {
        if (bus != null) bus.close();
    }

    static TranscriptUploaded upload(String file, long seconds) {
        return new TranscriptUploaded(file, seconds, TranscriptUploaded.MediaType.AUDIO, "Weekly sync", "mtg-1", "en", "jarad");
    }

    static TranscriptCompleted completed(String id, long seconds) {
        return new TranscriptCompleted("ff-" + id, id, "Weekly sync", seconds, "en",
                List.of(new TranscriptCompleted.Speaker("Jarad", 0.6 * seconds), new TranscriptCompleted.Speaker("Mira", 0.4 * seconds)),
                10L, URI.create("https://app.fireflies.ai/view/" + id), Instant.parse("2026-11-27T10:21:08Z"));
    }

    static TranscriptFailed failed(String file, boolean retryable) {
        return new TranscriptFailed(file, null, retryable ? TranscriptFailed.ErrorCode.TIMEOUT : TranscriptFailed.ErrorCode.MEDIA_UNREADABLE,
                "it failed", retryable);
    }

    <T> T payload(Envelope envelope, MessageType<T> type) {
        return app.payloads().read(envelope.payload(), type.payloadType());
    }

    @Test
    @DisplayName("an upload becomes a process command, the command a submission, each correlated with its cause")
    void happyPathWithOutputsAndCorrelationIds() {
        Envelope upload = bus.pipe(FIREFLIES_TRANSCRIPT_UPLOADED, upload("/rec/sync.m4a", 1843));

        Envelope command = bus.sent(FIREFLIES_TRANSCRIPT_PROCESS, 1).get(0);
        assertEquals(List.of(upload.eventId()), command.correlationIds());
        assertEquals(new TranscriptProcess("/rec/sync.m4a", "mtg-1", "en", TranscriptProcess.Priority.NORMAL, true), payload(command, FIREFLIES_TRANSCRIPT_PROCESS));

        Envelope submitted = bus.published(FIREFLIES_TRANSCRIPT_SUBMITTED, 1).get(0);
        assertEquals(List.of(command.eventId()), submitted.correlationIds());
        assertEquals(new TranscriptSubmitted("/rec/sync.m4a", "ff-job-" + "/rec/sync.m4a".hashCode(), CLOCK.instant(),
                transcriber.webhookUrl(), "en"), payload(submitted, FIREFLIES_TRANSCRIPT_SUBMITTED));
        assertEquals(TranscriptPipeline.SERVICE, submitted.source().app());
    }

    @Test
    @DisplayName("split: long transcripts are summarized, short ones are not")
    void splitRoutesLongTranscriptsToTheSummary() {
        bus.pipe(FIREFLIES_TRANSCRIPT_COMPLETED, completed("tr-short", 30));
        Envelope longer = bus.pipe(FIREFLIES_TRANSCRIPT_COMPLETED, completed("tr-long", 1843));

        List<Envelope> summaries = bus.published(FIREFLIES_TRANSCRIPT_SUMMARIZED, 1);
        assertEquals(1, summaries.size(), () -> "only the long transcript is summarized: " + summaries);
        TranscriptSummarized summary = payload(summaries.get(0), FIREFLIES_TRANSCRIPT_SUMMARIZED);
        assertEquals("tr-long", summary.transcriptId());
        assertEquals("Weekly sync: 2 speakers over 31 minutes. Jarad spoke most (60%).", summary.summary());
        assertEquals(List.of(longer.eventId()), summaries.get(0).correlationIds());
    }

    @Test
    @DisplayName("filter: only retryable failures are submitted again")
    void filterResubmitsOnlyRetryableFailures() {
        bus.pipe(FIREFLIES_TRANSCRIPT_FAILED, failed("/rec/broken.m4a", false));
        bus.pipe(FIREFLIES_TRANSCRIPT_FAILED, failed("/rec/timeout.m4a", true));

        List<Envelope> commands = bus.sent(FIREFLIES_TRANSCRIPT_PROCESS, 1);
        assertEquals(1, commands.size(), () -> "only the retryable failure is resubmitted: " + commands);
        assertEquals(new TranscriptProcess("/rec/timeout.m4a", null, null, TranscriptProcess.Priority.LOW, true), payload(commands.get(0), FIREFLIES_TRANSCRIPT_PROCESS));
    }

    @Test
    @DisplayName("a failing handler is retried, then dead-lettered with the failure in its headers")
    void handlerFailureRetriesThenDeadLetters() {
        transcriber.mode(ScriptedTranscriber.Mode.FAIL);
        Envelope command = bus.pipe(FIREFLIES_TRANSCRIPT_PROCESS, new TranscriptProcess("/rec/sync.m4a", null, null, TranscriptProcess.Priority.HIGH, true));

        DeadLetter dead = bus.deadLetters(worker, 1).get(0);
        assertAll(
                () -> assertEquals("handler-failed", dead.reason()),
                () -> assertEquals(3, dead.attempts()),
                () -> assertEquals(IllegalStateException.class.getName(), dead.errorClass()),
                () -> assertEquals("fireflies answered 503 for /rec/sync.m4a", dead.errorMessage()),
                () -> assertEquals(worker.queue(), dead.originalQueue()),
                () -> assertEquals(FIREFLIES_TRANSCRIPT_PROCESS.key(), dead.originalRoutingKey()),
                () -> assertEquals(command.eventId().toString(), dead.messageId()),
                () -> assertEquals(Optional.of(command.eventId()), dead.envelope().map(Envelope::eventId)));
        assertEquals(3, transcriber.calls().size());
        assertEquals(List.of(), bus.published(FIREFLIES_TRANSCRIPT_SUBMITTED, 0));
    }

    @Test
    @DisplayName("a non-retryable exception dead-letters at once")
    void nonRetryableExceptionDeadLettersAtOnce() {
        transcriber.mode(ScriptedTranscriber.Mode.REJECT);
        bus.pipe(FIREFLIES_TRANSCRIPT_PROCESS, new TranscriptProcess("/rec/notes.txt", null, null, null, null));

        DeadLetter dead = bus.deadLetters(worker, 1).get(0);
        assertEquals(1, dead.attempts());
        assertEquals(RejectedMediaException.class.getName(), dead.errorClass());
        assertEquals(1, transcriber.calls().size());
    }

    @Test
    @DisplayName("an input that breaks its schema is dead-lettered without running the handler")
    void schemaInvalidInputIsDeadLettered() {
        Envelope invalid = bus.pipe(FIREFLIES_TRANSCRIPT_UPLOADED.key(), Map.of("media_file", "/rec/sync.m4a", "media_duration_seconds", -5));

        DeadLetter dead = bus.deadLetters(subscription, 1).get(0);
        assertEquals("schema-violation", dead.reason());
        assertEquals(1, dead.attempts());
        assertNull(dead.errorClass());
        assertTrue(dead.errorMessage().startsWith("payload of fireflies.transcript.uploaded breaks its schema: "), dead::errorMessage);
        assertTrue(dead.errorMessage().contains("media_type"), dead::errorMessage);
        assertEquals(subscription.queue(), dead.originalQueue());
        assertEquals(FIREFLIES_TRANSCRIPT_UPLOADED.key(), dead.originalRoutingKey());
        assertEquals(Optional.of(invalid.eventId()), dead.envelope().map(Envelope::eventId));
        assertEquals(List.of(), transcriber.calls());
    }

    @Test
    @DisplayName("a body that is not JSON is dead-lettered")
    void notJsonIsDeadLettered() {
        bus.pipeRaw(FIREFLIES_TRANSCRIPT_UPLOADED.key(), "<xml/>".getBytes(StandardCharsets.UTF_8));

        DeadLetter dead = bus.deadLetters(subscription, 1).get(0);
        assertEquals("invalid-json", dead.reason());
        assertEquals(Optional.empty(), dead.envelope());
        assertEquals("<xml/>", dead.bodyText());
    }

    @Test
    @DisplayName("a redelivered event is acknowledged without being handled twice")
    void duplicateIsSuppressed() {
        Envelope once = bus.pipe(FIREFLIES_TRANSCRIPT_UPLOADED, upload("/rec/a.m4a", 600));
        bus.sent(FIREFLIES_TRANSCRIPT_PROCESS, 1);
        bus.pipeAgain(once);
        Envelope fence = bus.pipe(FIREFLIES_TRANSCRIPT_UPLOADED, upload("/rec/b.m4a", 600));

        List<Envelope> commands = bus.sent(FIREFLIES_TRANSCRIPT_PROCESS, 2);
        assertEquals(List.of(List.of(once.eventId()), List.of(fence.eventId())),
                commands.stream().map(Envelope::correlationIds).toList());
        assertEquals(1, listener.duplicates(FIREFLIES_TRANSCRIPT_UPLOADED.key()));
    }
}
