package dev.bloodbank.examples.transcripts;

import java.time.Instant;

/** {@code fireflies.transcript.submitted}: Fireflies took the recording and will call back. */
public record TranscriptSubmitted(String mediaFile, String firefliesJobId, Instant submittedAt, String webhookUrl, String language) {}
