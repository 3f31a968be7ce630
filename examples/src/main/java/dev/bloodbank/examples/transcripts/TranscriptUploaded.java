package dev.bloodbank.examples.transcripts;

/** {@code fireflies.transcript.uploaded}: a recording was dropped into the watch folder. */
public record TranscriptUploaded(
        String mediaFile, int mediaDurationSeconds, String mediaType, String title, String meetingId,
        String language, String uploadedBy) {}
