package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"descripton, description", "prefech, prefetch", "qeue, queue", "shcemaFile, schemaFile", "Events, events",
            "initalDelay, initialDelay"})
    void suggestsTheNearestField(String typed, String expected) {
        assertEquals(Optional.of(expected), Suggestions.nearest(typed,
                List.of("description", "schema", "schemaFile", "examples", "prefetch", "queue", "events", "retry", "initialDelay")));
    }

    @Test
    void suggestsNothingForUnrelatedText() {
        assertEquals(Optional.empty(), Suggestions.nearest("owner", List.of("apiVersion", "events", "commands")));
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
