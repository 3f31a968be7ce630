package dev.bloodbank.examples.transcripts;

import static dev.bloodbank.examples.bus.Commands.FIREFLIES_TRANSCRIPT_PROCESS;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_COMPLETED;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_FAILED;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_SUBMITTED;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_SUMMARIZED;
import static dev.bloodbank.examples.bus.Events.FIREFLIES_TRANSCRIPT_UPLOADED;
import static dev.bloodbank.examples.bus.Events.MEETING_RECORDING_STORED;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.dsl.Branched;
import dev.bloodbank.dsl.EventStream;
import dev.bloodbank.dsl.Named;
import dev.bloodbank.examples.bus.fireflies.TranscriptProcess;
import dev.bloodbank.examples.bus.fireflies.TranscriptSubmitted;
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
 * The payload records and the typed keys ({@code Events}, {@code Commands}) are generated from
 * topology.yaml by bloodbank-maven-plugin, so a payload of the wrong type for a key does not
 * compile. {@link #createTranscriptProcessor} only wires; tests drive it with the test driver, and
 * {@link TranscriptProcessorMain} runs it on RabbitMQ.
 */
public final class TranscriptPipeline {

    public static final String SERVICE = "transcript-processor";
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

        EventStream<TranscriptProcess> uploads = builder.stream(FIREFLIES_TRANSCRIPT_UPLOADED)
                .filter(e -> e.payload().mediaDurationSeconds() > 0, Named.as("has-audio"))
                .mapValues(u -> new TranscriptProcess(u.mediaFile(), u.meetingId(), u.language(),
                        priority(u.mediaDurationSeconds()), true), Named.as("upload-to-request"));
        EventStream<TranscriptProcess> recordings = builder.stream(MEETING_RECORDING_STORED)
                .mapValues(r -> new TranscriptProcess(r.mediaFile(), r.meetingId(), null,
                        priority(r.mediaDurationSeconds()), true), Named.as("recording-to-request"));
        EventStream<TranscriptProcess> resubmissions = builder.stream(FIREFLIES_TRANSCRIPT_FAILED)
                .filter(e -> e.payload().retryable(), Named.as("retryable"))
                .mapValues(f -> new TranscriptProcess(f.mediaFile(), null, null, TranscriptProcess.Priority.LOW, true),
                        Named.as("failure-to-request"));
        uploads.merge(recordings, Named.as("recordings"))
                .merge(resubmissions, Named.as("requests"))
                .send(FIREFLIES_TRANSCRIPT_PROCESS, Named.as("request-transcription"));

        builder.command(FIREFLIES_TRANSCRIPT_PROCESS).handle((command, context) -> {
            String jobId = transcriber.submit(command);
            context.publish(FIREFLIES_TRANSCRIPT_SUBMITTED, new TranscriptSubmitted(command.mediaFile(), jobId, Instant.now(clock),
                    transcriber.webhookUrl(), command.language()));
        }, Named.as("submit-to-transcriber"));

        builder.stream(FIREFLIES_TRANSCRIPT_COMPLETED)
                .split(Named.as("completed-"))
                .branch(e -> e.payload().durationSeconds() >= MIN_SUMMARY_SECONDS, Branched.withConsumer(
                        longer -> longer.mapValues(summarizer::summarize, Named.as("summarize"))
                                .to(FIREFLIES_TRANSCRIPT_SUMMARIZED, Named.as("publish-summary")), "long"))
                .defaultBranch(Branched.withConsumer(
                        shorter -> shorter.foreach(e -> LOG.log(System.Logger.Level.INFO,
                                "not summarizing {0}: {1}s is under {2}s", e.payload().transcriptId(),
                                e.payload().durationSeconds(), MIN_SUMMARY_SECONDS), Named.as("skip-short")), "short"));
    }

    static TranscriptProcess.Priority priority(long durationSeconds) {
        return durationSeconds > LONG_RECORDING_SECONDS ? TranscriptProcess.Priority.LOW : TranscriptProcess.Priority.NORMAL;
    }
}
