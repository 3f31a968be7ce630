package dev.bloodbank.examples.transcripts;

import dev.bloodbank.examples.bus.fireflies.TranscriptProcess;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transcriber whose behaviour a scenario chooses: accept, fail (retryable), or reject for good. */
final class ScriptedTranscriber implements Transcriber {

    enum Mode { ACCEPT, FAIL, REJECT }

    private volatile Mode mode = Mode.ACCEPT;
    private final List<TranscriptProcess> calls = new CopyOnWriteArrayList<>();

    void mode(Mode mode) {
        this.mode = mode;
    }

    List<TranscriptProcess> calls() {
        return List.copyOf(calls);
    }

    @Override
    public String submit(TranscriptProcess command) {
        calls.add(command);
        return switch (mode) {
            case ACCEPT -> "ff-job-" + command.mediaFile().hashCode();
            case FAIL -> throw new IllegalStateException("fireflies answered 503 for " + command.mediaFile());
            case REJECT -> throw new RejectedMediaException("cannot transcribe " + command.mediaFile() + ": not a recording");
        };
    }

    @Override
    public URI webhookUrl() {
        return URI.create("https://hooks.33god.dev/fireflies/callback");
    }
}
