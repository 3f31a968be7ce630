package dev.bloodbank.examples.transcripts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bloodbank.examples.bus.fireflies.TranscriptCompleted;
import dev.bloodbank.examples.bus.fireflies.TranscriptSummarized;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakerSummarizerTest {

    private final SpeakerSummarizer summarizer = new SpeakerSummarizer();

    @Test
    void namesWhoSpokeMostAndGivesThemTheReview() {
        var summary = summarizer.summarize(TranscriptScenarios.completed("tr-1", 1843));
        assertEquals("Weekly sync: 2 speakers over 31 minutes. Jarad spoke most (60%).", summary.summary());
        assertEquals(List.of(new TranscriptSummarized.ActionItem("Review the transcript at https://app.fireflies.ai/view/tr-1", "Jarad")),
                summary.actionItems());
        assertEquals(List.of("weekly", "sync"), summary.keywords());
        assertEquals(SpeakerSummarizer.MODEL, summary.model());
    }

    @Test
    void aTranscriptWithoutTitleOrTalkTimesStillGetsASummary() {
        var bare = new TranscriptCompleted("ff-2", "tr-2", null, 60L, null, List.of(), null, URI.create("https://x/tr-2"), null);
        var summary = summarizer.summarize(bare);
        assertEquals("tr-2: 0 speakers over 1 minute.", summary.summary());
        assertEquals(List.of(), summary.keywords());
        assertEquals(null, summary.actionItems().get(0).owner());
    }
}
