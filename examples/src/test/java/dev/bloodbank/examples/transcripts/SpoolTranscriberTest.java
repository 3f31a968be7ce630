package dev.bloodbank.examples.transcripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.examples.bus.fireflies.TranscriptProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTranscriberTest {

    @TempDir
    Path spool;

    @Test
    void writesOneJobFilePerRecordingEvenWhenSubmittedTwice() throws Exception {
        var transcriber = new SpoolTranscriber(spool, URI.create("https://hooks/cb"));
        var command = new TranscriptProcess("/rec/sync.m4a", "mtg-1", "en", TranscriptProcess.Priority.HIGH, true);
        String first = transcriber.submit(command);
        String again = transcriber.submit(command);
        assertEquals(first, again);
        try (var files = Files.list(spool)) {
            assertEquals(1, files.count());
        }
        String job = Files.readString(spool.resolve(first + ".job"));
        assertTrue(job.contains("media_file=/rec/sync.m4a\n"), job);
        assertTrue(job.contains("priority=high\n"), job);
        assertTrue(job.contains("webhook_url=https://hooks/cb\n"), job);
    }

    @Test
    void refusesFormatsTheServiceCannotRead() {
        var transcriber = new SpoolTranscriber(spool, URI.create("https://hooks/cb"));
        var error = assertThrows(RejectedMediaException.class,
                () -> transcriber.submit(new TranscriptProcess("/notes/sync.txt", null, null, null, null)));
        assertTrue(error.getMessage().startsWith("cannot transcribe /notes/sync.txt: format 'txt' is not one of [flac, m4a"), error::getMessage);
    }
}
