package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> FIELDS =
            List.of("description", "schema", "schemaFile", "examples", "prefetch", "queue", "events", "retry", "initialDelay");

    private static final List<String> KEYS = List.of(
            "agent.task.assign", "agent.task.assigned", "agent.task.started", "agent.task.failed",
            "fireflies.transcript.uploaded", "fireflies.transcript.completed", "github.pull-request.merged");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"descripton, description", "prefech, prefetch", "qeue, queue", "shcemaFile, schemaFile", "Events, events",
            "initalDelay, initialDelay", "initial, initialDelay"})
    @DisplayName("a misspelt field suggests the one it meant, case ignored")
    void suggestsTheNearestField(String typed, String expected) {
        assertEquals(Optional.of(expected), Suggestions.nearest(typed, FIELDS));
    }

    @Test
    @DisplayName("unrelated text suggests nothing")
    void suggestsNothingForUnrelatedText() {
        assertEquals(Optional.empty(), Suggestions.nearest("owner", List.of("apiVersion", "events", "commands")));
    }

    @ParameterizedTest(name = "{0} suggests [{1}]")
    @CsvSource(delimiter = '|', value = {
        "agent.task.asign              | agent.task.assign agent.task.assigned",
        "agent.tsak.started            | agent.task.started",
        "fireflies.transcript.uplodaed | fireflies.transcript.uploaded",
        "github.pull_request.merged    | github.pull-request.merged",
        "agent.task.done               | agent.task.failed agent.task.assign agent.task.assigned",
        "fireflies.transcript.ready    | fireflies.transcript.uploaded fireflies.transcript.completed",
        "calendar.event.created        | ''",
        "zzz                           | ''",
    })
    @DisplayName("a long key allows few edits, then falls back to keys sharing two segments")
    void suggestsCloseKeysThenKeysSharingTwoSegments(String wanted, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertEquals(want, Suggestions.nearest(wanted, KEYS, 3));
    }

    @Test
    @DisplayName("the start of a name suggests it; a short word allows one edit only")
    void abbreviationsAndShortWords() {
        assertEquals(List.of("fireflies"), Suggestions.nearest("firefly", List.of("agent", "fireflies", "github"), 3));
        assertEquals(List.of(), Suggestions.nearest("fi", List.of("fireflies"), 3));
        assertEquals(List.of("task"), Suggestions.nearest("tsk", List.of("task", "tab"), 3));
        assertEquals(List.of(), Suggestions.nearest("tax", List.of("agent", "queue"), 3));
    }

    @Test
    @DisplayName("equally close candidates keep the order they were given in")
    void tiesKeepTheCandidatesOrder() {
        assertEquals(List.of("cut", "bat", "cap"), Suggestions.nearest("cat", List.of("cut", "bat", "dog", "cap"), 3));
    }

    @Test
    void countsASwapOfNeighboursAsOneEdit() {
        assertEquals(1, Suggestions.distance("shcema", "schema"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }

    @Test
    void findsDeclaredKeysLikeAnUnknownOne() {
        Topology topology = Topology.load(Path.of("src/test/resources/topologies/valid/topology.yaml"));

        assertEquals(List.of("github.pull-request.merged"), topology.similarKeys("github.pull-request.merge"));
        assertEquals(List.of("fireflies.transcript.uploaded", "fireflies.transcript.completed"), topology.similarKeys("transcript"));
        assertEquals(List.of(), topology.similarKeys("nothing.like.it"));
    }
}
