package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("subscriptions: topic patterns and service names")
class SubscriptionValidationTest {

    private static final String EVENTS = """
            apiVersion: bloodbank/v1
            events:
              fireflies.transcript.uploaded: {description: x, schema: {type: object}}
              github.pull-request.merged: {description: x, schema: {type: object}}
            commands:
              agent.task.assign: {description: x, schema: {type: object}}
            subscriptions:
            """;

    @TempDir
    Path dir;

    private ValidationReport subscribe(String pattern) {
        return TopologyFiles.validate(dir, EVENTS + "  auditor:\n    events: [\"" + pattern + "\"]\n");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @DisplayName("malformed patterns are errors at the pattern")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            fireflies..uploaded       | has an empty word (two dots together, or a dot at an end)
            .fireflies.#              | has an empty word (two dots together, or a dot at an end)
            fireflies.transcript.     | has an empty word (two dots together, or a dot at an end)
            fireflies.transcript*     | has 'transcript*': '*' and '#' stand for whole words, not parts of one
            github.#merged            | has '#merged': '*' and '#' stand for whole words, not parts of one
            github.pull request.*     | has whitespace in 'pull request'
            """)
    void refusesMalformedPatterns(String pattern, String problem) {
        Problem only = TopologyFiles.only(subscribe(pattern));

        assertEquals("9:14: error: event pattern '" + pattern + "' of subscription 'auditor' " + problem, TopologyFiles.headline(only));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"#", "*.*.*", "fireflies.#", "#.merged", "*.pull-request.*", "fireflies.transcript.uploaded", "fireflies.*.uploaded"})
    void acceptsPatternsThatMatchADeclaredEvent(String pattern) {
        assertEquals(List.of(), subscribe(pattern).problems());
    }

    @Test
    @DisplayName("a pattern that matches no declared event is a warning with the nearest key")
    void warnsAboutPatternsMatchingNothing() {
        ValidationReport report = subscribe("fireflies.transcript.uploadd");

        assertEquals(List.of("9:14: warning: event pattern 'fireflies.transcript.uploadd' of subscription 'auditor' matches no declared event"),
                TopologyFiles.headlines(report));
        assertEquals("did you mean 'fireflies.transcript.uploaded'?", report.problems().get(0).hint());
        assertEquals(List.of("fireflies.transcript.uploadd"), report.orThrow().subscription("auditor").orElseThrow().patterns());
    }

    @Test
    void explainsThatCommandsDoNotReachSubscriptions() {
        ValidationReport report = subscribe("agent.task.*");

        assertEquals("'agent.task.assign' is a command: commands go to their worker queue, not to subscriptions",
                TopologyFiles.only(report).hint());
    }

    @Test
    void warnsAboutARepeatedPattern() {
        ValidationReport report = TopologyFiles.validate(dir, EVENTS + "  auditor:\n    events: [\"github.#\", \"github.#\"]\n");

        assertEquals(List.of("9:26: warning: event pattern 'github.#' is listed twice in subscription 'auditor'"),
                TopologyFiles.headlines(report));
    }

    @Test
    void requiresAtLeastOnePattern() {
        assertEquals(List.of("9:13: error: subscription 'auditor' lists no event patterns", "10:3: error: subscription 'archive' has no events"),
                TopologyFiles.headlines(TopologyFiles.validate(dir, EVENTS + "  auditor:\n    events: []\n  archive: {queue: archive}\n")));
    }

    @Test
    void refusesAnEmptyPattern() {
        assertEquals(List.of("9:14: error: event pattern of subscription 'auditor' is empty"), TopologyFiles.headlines(subscribe("")));
    }

    @Test
    void refusesPatternsThatAreNotText() {
        assertEquals(List.of("9:14: error: event pattern of subscription 'auditor' must be text, not a mapping"),
                TopologyFiles.headlines(TopologyFiles.validate(dir, EVENTS + "  auditor:\n    events: [{all: true}]\n")));
    }

    @Test
    void refusesServiceNamesThatAreNotKebabCase() {
        ValidationReport report = TopologyFiles.validate(dir, EVENTS + "  TranscriptProcessor:\n    events: [\"#\"]\n");

        assertEquals(List.of("8:3: error: service name 'TranscriptProcessor' is not lower-case kebab-case"),
                TopologyFiles.headlines(report));
        assertEquals("use 'transcriptprocessor'", report.problems().get(0).hint());
    }
}
