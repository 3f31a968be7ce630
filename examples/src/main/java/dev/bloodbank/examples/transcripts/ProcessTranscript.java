package dev.bloodbank.examples.transcripts;

/** {@code fireflies.transcript.process}: transcribe a recording through Fireflies and summarize it. */
public record ProcessTranscript(String mediaFile, String meetingId, String language, String priority, Boolean summarize) {}
