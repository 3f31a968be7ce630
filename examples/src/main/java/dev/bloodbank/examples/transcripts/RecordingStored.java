package dev.bloodbank.examples.transcripts;

/** {@code meeting.recording.stored}: a meeting's recording was saved and can be transcribed. */
public record RecordingStored(String meetingId, String mediaFile, int mediaDurationSeconds, String mediaType, Long sizeBytes) {}
