package dev.bloodbank.examples.transcripts;

import dev.bloodbank.examples.bus.fireflies.TranscriptProcess;
import java.net.URI;

/** Hands a recording to the transcription service; the pipeline's only outbound call. */
public interface Transcriber {

    /**
     * Submits the recording and returns the transcription job's id.
     *
     * @throws RejectedMediaException when the recording can never be transcribed (dead-lettered at once)
     * @throws Exception when the service is unavailable (retried with back-off)
     */
    String submit(TranscriptProcess command) throws Exception;

    /** Where the service calls back when the transcript is ready. */
    URI webhookUrl();
}
