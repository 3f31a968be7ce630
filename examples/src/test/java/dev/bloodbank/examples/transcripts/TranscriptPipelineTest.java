package dev.bloodbank.examples.transcripts;

import static dev.bloodbank.examples.bus.Commands.FIREFLIES_TRANSCRIPT_PROCESS;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_UPLOADED;
import static dev.bloodbank.examples.bus.Events.MEETING_RECORDING_STORED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.examples.bus.fireflies.TranscriptProcess;
import dev.bloodbank.examples.bus.meeting.RecordingStored;
import dev.bloodbank.testing.BloodbankTestDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transcript processor's own rules, on the test driver against the sample topology as shipped. */
class TranscriptPipelineTest {

    private final ScriptedTranscriber transcriber = new ScriptedTranscriber();
    private final BloodbankApp app = TranscriptPipeline.build(TranscriptTopology.sample(), transcriber, new SpeakerSummarizer(),
            TranscriptScenarios.CLOCK);

    @Test
    void aStoredMeetingRecordingIsSentForTranscription() {
        try (var driver = new BloodbankTestDriver(app)) {
            var requests = driver.output(FIREFLIES_TRANSCRIPT_PROCESS);
            driver.input(MEETING_RECORDING_STORED)
                    .pipe(new RecordingStored("mtg-7", "/rec/mtg-7.m4a", 900L, RecordingStored.MediaType.AUDIO, 1_000L));
            assertEquals(new TranscriptProcess("/rec/mtg-7.m4a", "mtg-7", null, TranscriptProcess.Priority.NORMAL, true),
                    requests.readValue());
            assertTrue(requests.isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}s → {1}")
    @CsvSource({"0, none", "1, NORMAL", "10800, NORMAL", "10801, LOW"})
    void uploadsWithoutAudioAreDroppedAndVeryLongOnesWaitBehindShortOnes(long seconds, String priority) {
        try (var driver = new BloodbankTestDriver(app)) {
            driver.input(FIREFLIES_TRANSCRIPT_UPLOADED).pipe(TranscriptScenarios.upload("/rec/a.m4a", seconds));
            List<TranscriptProcess.Priority> priorities = driver.output(FIREFLIES_TRANSCRIPT_PROCESS).readValuesToList().stream()
                    .map(TranscriptProcess::priority).toList();
            assertEquals(priority.equals("none") ? List.of() : List.of(TranscriptProcess.Priority.valueOf(priority)), priorities);
        }
    }

    @Test
    void theSampleTopologysRetryPolicyAppliesOnItsWorkerQueue() {
        transcriber.mode(ScriptedTranscriber.Mode.FAIL);
        try (var driver = new BloodbankTestDriver(app, Instant.parse("2026-11-27T10:00:00Z"))) {
            driver.input(FIREFLIES_TRANSCRIPT_PROCESS).pipe(new TranscriptProcess("/rec/a.m4a", null, null, null, null));
            // worker: { queue: fireflies.transcripts.work, retry: { attempts: 4, initialDelay: 30s, multiplier: 2.0 } }
            assertEquals("fireflies.transcripts.work.retry.30s", driver.retries(FIREFLIES_TRANSCRIPT_PROCESS).get(0).retry().retryQueue());
            assertEquals(java.time.Duration.ofSeconds(30 + 60 + 120), driver.advanceUntilSettled());
            assertEquals(4, driver.deadLetters(FIREFLIES_TRANSCRIPT_PROCESS).get(0).attempts());
        }
    }

    @Test
    void theDescriptionInTheDocsIsTheRealOne() throws Exception {
        Path docs = Files.exists(Path.of("docs", "dsl.md")) ? Path.of("docs", "dsl.md") : Path.of("..", "docs", "dsl.md");
        String text = Files.readString(docs);
        int start = text.indexOf("```\nService: transcript-processor\n") + 4;
        String documented = text.substring(start, text.indexOf("```", start));
        assertEquals(documented, app.describe().toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void describeShowsTheWholeServiceFromItsQueuesToItsSinks() {
        String description = app.describe().toString();
        assertTrue(description.startsWith("Service: transcript-processor" + System.lineSeparator()
                + "  Sub-topology: 0 (queue: bloodbank.sub.transcript-processor)"), description);
        assertTrue(description.contains("  Sub-topology: 1 (queue: fireflies.transcripts.work)"), description);
        assertTrue(description.contains("    Sink: request-transcription (command: fireflies.transcript.process)" + System.lineSeparator()
                + "      <-- requests"), description);
        assertEquals(description, TranscriptPipeline.build(TranscriptTopology.sample(), transcriber, new SpeakerSummarizer(),
                Clock.systemUTC()).describe().toString());
    }
}
