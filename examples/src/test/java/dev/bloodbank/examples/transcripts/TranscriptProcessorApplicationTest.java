package dev.bloodbank.examples.transcripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankApplication;
import dev.bloodbank.dsl.DiscoveredApplications;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registration that lets {@code bloodbank describe --classpath examples/target/classes} find the service. */
class TranscriptProcessorApplicationTest {

    @Test
    void theTranscriptProcessorIsRegisteredForServiceLoader() {
        DiscoveredApplications found = DiscoveredApplications.discover(getClass().getClassLoader());

        assertEquals(List.of(), found.failures());
        assertEquals(List.of(TranscriptPipeline.SERVICE), found.names());
        assertInstanceOf(TranscriptProcessorApplication.class, found.find(TranscriptPipeline.SERVICE).orElseThrow());
    }

    @Test
    void itBuildsTheSameGraphAsThePipelineWithoutTouchingTheSpoolDirectory(@TempDir Path dir) {
        Path spool = dir.resolve("spool");
        BloodbankApplication application = new TranscriptProcessorApplication(Map.of("TRANSCRIPT_SPOOL_DIR", spool.toString()));

        BloodbankApp app = application.build(TranscriptTopology.sample());

        assertEquals(TranscriptPipeline.SERVICE, app.service());
        assertEquals(TranscriptPipeline.build(TranscriptTopology.sample(), new ScriptedTranscriber(), new SpeakerSummarizer(),
                Clock.systemUTC()).describe(), app.describe());
        assertFalse(Files.exists(spool), "building must not create the spool directory");
    }

    @Test
    void theTranscriberIsConfiguredFromTheEnvironmentWithDefaults() {
        assertEquals(URI.create(TranscriptProcessorApplication.DEFAULT_WEBHOOK), new TranscriptProcessorApplication(Map.of()).transcriber().webhookUrl());
        assertEquals(URI.create("https://hooks.example/cb"), new TranscriptProcessorApplication(
                Map.of("TRANSCRIPT_WEBHOOK_URL", "https://hooks.example/cb")).transcriber().webhookUrl());
    }

    @Test
    void aWebhookThatIsNotAnAbsoluteUrlIsRefusedNamingTheVariable() {
        var application = new TranscriptProcessorApplication(Map.of("TRANSCRIPT_WEBHOOK_URL", "hooks example/cb"));
        var error = assertThrows(IllegalArgumentException.class, application::transcriber);
        assertTrue(error.getMessage().startsWith("TRANSCRIPT_WEBHOOK_URL='hooks example/cb' is not an absolute URL: "), error::getMessage);
    }
}
