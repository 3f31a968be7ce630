package dev.bloodbank.examples.transcripts;

import java.util.List;

/** {@code fireflies.transcript.summarized}: a summary with action items for a finished transcript. */
public record TranscriptSummarized(String transcriptId, String summary, List<ActionItem> actionItems, List<String> keywords, String model) {

    public record ActionItem(String text, String owner) {}
}
