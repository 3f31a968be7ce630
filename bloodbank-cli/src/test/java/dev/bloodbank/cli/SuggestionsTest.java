package dev.bloodbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> KEYS = List.of(
            "agent.task.assign", "agent.task.assigned", "agent.task.started", "agent.task.failed",
            "fireflies.transcript.uploaded", "fireflies.transcript.completed", "github.pull-request.merged");

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
    void suggestsCloseKeysThenKeysSharingTwoSegments(String wanted, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertEquals(want, Suggestions.nearest(wanted, KEYS, 3));
    }
}
