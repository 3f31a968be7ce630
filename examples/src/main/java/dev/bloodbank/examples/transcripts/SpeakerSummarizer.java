package dev.bloodbank.examples.transcripts;

import dev.bloodbank.examples.bus.fireflies.TranscriptCompleted;
import dev.bloodbank.examples.bus.fireflies.TranscriptSummarized;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A summary from the transcript's metadata alone: who spoke and for how long, and a review task
 * for whoever spoke most. It needs no model, so the pipeline runs end to end anywhere; a service
 * with an LLM plugs in its own {@link Summarizer}.
 */
public final class SpeakerSummarizer implements Summarizer {

    static final String MODEL = "speaker-stats";

    @Override
    public TranscriptSummarized summarize(TranscriptCompleted t) {
        List<TranscriptCompleted.Speaker> speakers = t.speakers() == null ? List.of() : t.speakers();
        String title = t.title() == null || t.title().isBlank() ? t.transcriptId() : t.title();
        long minutes = Math.round(t.durationSeconds() / 60.0);
        StringBuilder summary = new StringBuilder(title).append(": ")
                .append(speakers.size()).append(speakers.size() == 1 ? " speaker" : " speakers")
                .append(" over ").append(minutes).append(minutes == 1 ? " minute" : " minutes").append('.');
        TranscriptCompleted.Speaker lead = speakers.stream()
                .filter(s -> s.talkTimeSeconds() != null)
                .max(Comparator.comparingDouble(TranscriptCompleted.Speaker::talkTimeSeconds))
                .orElse(null);
        List<TranscriptSummarized.ActionItem> actions;
        if (lead != null && t.durationSeconds() > 0) {
            long share = Math.round(100 * lead.talkTimeSeconds() / t.durationSeconds());
            summary.append(' ').append(lead.name()).append(" spoke most (").append(share).append("%).");
            actions = List.of(new TranscriptSummarized.ActionItem("Review the transcript at " + t.transcriptUrl(), lead.name()));
        } else {
            actions = List.of(new TranscriptSummarized.ActionItem("Review the transcript at " + t.transcriptUrl(), null));
        }
        return new TranscriptSummarized(t.transcriptId(), summary.toString(), actions, keywords(t.title()), MODEL);
    }

    /** The title's words of four letters or more, lower-cased, once each. */
    static List<String> keywords(String title) {
        if (title == null) return List.of();
        Set<String> words = new LinkedHashSet<>();
        for (String word : title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 4) words.add(word);
        }
        return List.copyOf(words);
    }
}
