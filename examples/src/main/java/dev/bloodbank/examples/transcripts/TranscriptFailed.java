package dev.bloodbank.examples.transcripts;

/** {@code fireflies.transcript.failed}: a recording could not be transcribed; {@code retryable} says whether trying again can help. */
public record TranscriptFailed(String mediaFile, String firefliesJobId, String errorCode, String errorMessage, boolean retryable) {}
