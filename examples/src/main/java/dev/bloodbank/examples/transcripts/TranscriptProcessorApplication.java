package dev.bloodbank.examples.transcripts;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankApplication;
import dev.bloodbank.topology.Topology;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The transcript processor as {@link TranscriptProcessorMain} runs it, registered in
 * {@code META-INF/services} so that {@code bloodbank describe --classpath <this jar>} prints its graph.
 *
 * <p>Building it has no side effects: the spool directory is created on the first submitted
 * recording, not here, and nothing is contacted until the runtime starts consuming.
 * Job files go to {@code TRANSCRIPT_SPOOL_DIR} (default {@code ./spool}); transcripts are called
 * back at {@code TRANSCRIPT_WEBHOOK_URL}.
 */
public final class TranscriptProcessorApplication implements BloodbankApplication {

    static final String SPOOL_VARIABLE = "TRANSCRIPT_SPOOL_DIR";
    static final String WEBHOOK_VARIABLE = "TRANSCRIPT_WEBHOOK_URL";
    static final String DEFAULT_SPOOL = "spool";
    static final String DEFAULT_WEBHOOK = "https://hooks.33god.dev/fireflies/callback";

    private final Map<String, String> environment;

    /** Configured from the process environment; the constructor ServiceLoader calls. */
    public TranscriptProcessorApplication() {
        this(System.getenv());
    }

    TranscriptProcessorApplication(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return TranscriptPipeline.SERVICE;
    }

    @Override
    public BloodbankApp build(Topology topology) {
        return TranscriptPipeline.build(topology, transcriber(), new SpeakerSummarizer(), Clock.systemUTC());
    }

    SpoolTranscriber transcriber() {
        return new SpoolTranscriber(Path.of(setting(SPOOL_VARIABLE, DEFAULT_SPOOL)), webhook(setting(WEBHOOK_VARIABLE, DEFAULT_WEBHOOK)));
    }

    private static URI webhook(String text) {
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute()) throw new URISyntaxException(text, "not absolute (no scheme)");
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(WEBHOOK_VARIABLE + "='" + text + "' is not an absolute URL: " + e.getMessage(), e);
        }
    }

    private String setting(String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
