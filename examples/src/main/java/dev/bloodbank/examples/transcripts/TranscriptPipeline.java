package dev.bloodbank.examples.transcripts;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.dsl.Branched;
import dev.bloodbank.dsl.EventStream;
import dev.bloodbank.dsl.Named;
import dev.bloodbank.topology.Topology;
import java.time.Clock;
import java.time.Instant;

/**
 * The {@code transcript-processor} service: recordings in, transcription requests out, summaries
 * of finished transcripts.
 *
 * <pre>
 * fireflies.transcript.uploaded ─filter(has audio)─┐
 * meeting.recording.stored ────────────────────────┼─merge─▶ send fireflies.transcript.process
 * fireflies.transcript.failed ─filter(retryable)───┘
 * fireflies.transcript.process (worker) ─▶ submit to the transcriber ─▶ fireflies.transcript.submitted
 * fireflies.transcript.completed ─split─ long ─▶ summarize ─▶ fireflies.transcript.summarized
 *                                       └ short ─▶ log and drop
 * </pre>
 *
 * {@link #createTranscriptProcessor} only wires; tests drive it with the test driver, and
 * {@link TranscriptProcessorMain} runs it on RabbitMQ.
 */
public final class TranscriptPipeline {

    public static final String SERVICE = "transcript-processor";
    public static final String UPLOADED = "fireflies.transcript.uploaded";
    public static final String RECORDING_STORED = "meeting.recording.stored";
    public static final String FAILED = "fireflies.transcript.failed";
    public static final String PROCESS = "fireflies.transcript.process";
    public static final String SUBMITTED = "fireflies.transcript.submitted";
    public static final String COMPLETED = "fireflies.transcript.completed";
    public static final String SUMMARIZED = "fireflies.transcript.summarized";
    /** Shorter transcripts are small talk: not worth a summary. */
    public static final int MIN_SUMMARY_SECONDS = 60;
    /** Longer recordings wait behind shorter ones: they hold a Fireflies slot for longer. */
    static final int LONG_RECORDING_SECONDS = 3 * 3600;

    private static final System.Logger LOG = System.getLogger(TranscriptPipeline.class.getName());

    private TranscriptPipeline() {}

    public static BloodbankApp build(Topology topology, Transcriber transcriber, Summarizer summarizer, Clock clock) {
        BloodbankBuilder builder = new BloodbankBuilder(topology, SERVICE);
        createTranscriptProcessor(builder, transcriber, summarizer, clock);
        return builder.build();
    }

    public static void createTranscriptProcessor(BloodbankBuilder builder, Transcriber transcriber, Summarizer summarizer, Clock clock) {
        builder.nonRetryable(RejectedMediaException.class);

        EventStream<ProcessTranscript> uploads = builder.stream(UPLOADED, TranscriptUploaded.class)
                .filter(e -> e.payload().mediaDurationSeconds() > 0, Named.as("has-audio"))
                .mapValues(u -> new ProcessTranscript(u.mediaFile(), u.meetingId(), u.language(),
                        priority(u.mediaDurationSeconds()), true), Named.as("upload-to-request"));
        EventStream<ProcessTranscript> recordings = builder.stream(RECORDING_STORED, RecordingStored.class)
                .mapValues(r -> new ProcessTranscript(r.mediaFile(), r.meetingId(), null,
                        priority(r.mediaDurationSeconds()), true), Named.as("recording-to-request"));
        EventStream<ProcessTranscript> resubmissions = builder.stream(FAILED, TranscriptFailed.class)
                .filter(e -> e.payload().retryable(), Named.as("retryable"))
                .mapValues(f -> new ProcessTranscript(f.mediaFile(), null, null, "low", true), Named.as("failure-to-request"));
        uploads.merge(recordings, Named.as("recordings"))
                .merge(resubmissions, Named.as("requests"))
                .send(PROCESS, Named.as("request-transcription"));

        builder.command(PROCESS, ProcessTranscript.class).handle((command, context) -> {
            String jobId = transcriber.submit(command);
            context.publish(SUBMITTED, new TranscriptSubmitted(command.mediaFile(), jobId, Instant.now(clock),
                    transcriber.webhookUrl(), command.language()));
        }, Named.as("submit-to-transcriber"));

        builder.stream(COMPLETED, TranscriptCompleted.class)
                .split(Named.as("completed-"))
                .branch(e -> e.payload().durationSeconds() >= MIN_SUMMARY_SECONDS, Branched.withConsumer(
                        longer -> longer.mapValues(summarizer::summarize, Named.as("summarize"))
                                .to(SUMMARIZED, Named.as("publish-summary")), "long"))
                .defaultBranch(Branched.withConsumer(
                        shorter -> shorter.foreach(e -> LOG.log(System.Logger.Level.INFO,
                                "not summarizing {0}: {1}s is under {2}s", e.payload().transcriptId(),
                                e.payload().durationSeconds(), MIN_SUMMARY_SECONDS), Named.as("skip-short")), "short"));
    }

    static String priority(int durationSeconds) {
        return durationSeconds > LONG_RECORDING_SECONDS ? "low" : "normal";
    }
}
