package dev.bloodbank.examples.transcripts;

import java.time.Instant;
import java.util.List;

/** {@code fireflies.transcript.completed}: a transcript is ready, with its speakers. */
public record TranscriptCompleted(
        String firefliesJobId, String transcriptId, String title, int durationSeconds, String language,
        List<Speaker> speakers, Integer sentenceCount, String transcriptUrl, Instant completedAt) {

    public record Speaker(String name, Double talkTimeSeconds) {}
}
