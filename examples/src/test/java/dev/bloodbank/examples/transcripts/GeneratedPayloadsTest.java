package dev.bloodbank.examples.transcripts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.examples.bus.Commands;
import dev.bloodbank.examples.bus.Events;
import dev.bloodbank.examples.bus.fireflies.TranscriptProcess;
import dev.bloodbank.examples.bus.fireflies.TranscriptUploaded;
import dev.bloodbank.testing.BloodbankTestDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The records the build generates from topology.yaml (bloodbank-maven-plugin) speak the same wire
 * format as the processor's hand-written ones: what a producer sends with one, the processor reads.
 */
class GeneratedPayloadsTest {

    private final BloodbankApp app = TranscriptPipeline.build(TranscriptTopology.sample(), new ScriptedTranscriber(),
            new SpeakerSummarizer(), TranscriptScenarios.CLOCK);

    @Test
    void anUploadSentAsAGeneratedRecordIsProcessed() {
        var upload = new TranscriptUploaded("/rec/sync.m4a", 312L, TranscriptUploaded.MediaType.AUDIO, "Weekly sync",
                "mtg-1", "en", "jarad");
        try (var driver = new BloodbankTestDriver(app)) {
            driver.pipe(Events.FIREFLIES_TRANSCRIPT_UPLOADED.key(), upload);

            List<TranscriptProcess> sent = driver.sent(Commands.FIREFLIES_TRANSCRIPT_PROCESS.key(),
                    Commands.FIREFLIES_TRANSCRIPT_PROCESS.payloadType());
            assertEquals(List.of(new TranscriptProcess("/rec/sync.m4a", "mtg-1", "en", TranscriptProcess.Priority.NORMAL,
                    true)), sent);
        }
    }
}
