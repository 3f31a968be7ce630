package dev.bloodbank.examples.transcripts;

import dev.bloodbank.examples.bus.fireflies.TranscriptCompleted;
import dev.bloodbank.examples.bus.fireflies.TranscriptSummarized;

/** Writes the summary of a finished transcript. */
@FunctionalInterface
public interface Summarizer {

    TranscriptSummarized summarize(TranscriptCompleted transcript);
}
