package dev.bloodbank.examples.transcripts;

/** Writes the summary of a finished transcript. */
@FunctionalInterface
public interface Summarizer {

    TranscriptSummarized summarize(TranscriptCompleted transcript);
}
