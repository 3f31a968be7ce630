package dev.bloodbank.dsl;

import static dev.bloodbank.dsl.Pipeline.COMPLETED;
import static dev.bloodbank.dsl.Pipeline.PROCESS;
import static dev.bloodbank.dsl.Pipeline.SERVICE;
import static dev.bloodbank.dsl.Pipeline.SUMMARIZED;
import static dev.bloodbank.dsl.Pipeline.UPLOADED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.dsl.Pipeline.Completed;
import dev.bloodbank.dsl.Pipeline.Process;
import dev.bloodbank.dsl.Pipeline.Summarized;
import dev.bloodbank.dsl.Pipeline.Uploaded;
import dev.bloodbank.topology.Topology;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("build() checks the wiring against the topology")
class WiringChecksTest {

    private final Topology topology = Pipeline.topology();

    private List<WiringProblem> problems(String service, Consumer<BloodbankBuilder> wiring) {
        BloodbankBuilder builder = new BloodbankBuilder(topology, service);
        wiring.accept(builder);
        return assertThrows(WiringException.class, builder::build).problems();
    }

    private List<WiringProblem> problems(Consumer<BloodbankBuilder> wiring) {
        return problems(SERVICE, wiring);
    }

    private static WiringProblem only(List<WiringProblem> problems) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return problems.get(0);
    }

    @Test
    void unknownEventKeySuggestsTheNearestEvent() {
        WiringProblem problem = only(problems(app -> app.stream("fireflies.transcript.complted", Completed.class).foreach(e -> {})));
        assertTrue(problem.message().contains("declares no event 'fireflies.transcript.complted'"), problem::toString);
        assertEquals("did you mean 'fireflies.transcript.completed'?", problem.hint());
        assertTrue(problem.where().startsWith("source-0 at WiringChecksTest.java:"), problem::where);
    }

    @Test
    void unknownKeyWithNothingCloseSaysWhereToDeclareIt() {
        WiringProblem problem = only(problems(app -> app.stream(COMPLETED, Completed.class).to("billing.invoice.paid")));
        assertTrue(problem.message().contains("to(\"billing.invoice.paid\"): the topology (topology.yaml) declares no event"), problem::toString);
        assertTrue(problem.hint().contains("declare it under events:"), problem::hint);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            stream on a command | stream  | 'fireflies.transcript.process' is a command, not an event   | command("fireflies.transcript.process", Type.class)
            command on an event | command | 'fireflies.transcript.completed' is an event, not a command | stream("fireflies.transcript.completed", Type.class)
            to() with a command | to      | 'fireflies.transcript.process' is a command, not an event   | send("fireflies.transcript.process")
            send() with an event| send    | 'fireflies.transcript.summarized' is an event, not a command | to("fireflies.transcript.summarized")
            """)
    void aKeyOfTheWrongKindIsNamedWithTheRightCall(String rule, String call, String message, String hint) {
        WiringProblem problem = only(problems(app -> {
            switch (call) {
                case "stream" -> app.stream(PROCESS, JsonNode.class).foreach(e -> {});
                case "command" -> app.command(COMPLETED, JsonNode.class).handle((c, ctx) -> {});
                case "to" -> app.stream(COMPLETED, Completed.class).mapValues(c -> c).to(PROCESS);
                default -> app.stream(COMPLETED, Completed.class).mapValues(c -> c).send(SUMMARIZED);
            }
        }));
        assertTrue(problem.message().endsWith(message), problem::toString);
        assertTrue(problem.hint().contains(hint), problem::hint);
    }

    @Test
    void streamingAnEventTheSubscriptionDoesNotReceiveNamesItsPatterns() {
        WiringProblem problem = only(problems(app -> app.stream(SUMMARIZED, Summarized.class).foreach(e -> {})));
        assertEquals("subscription 'transcript-processor' (queue bloodbank.sub.transcript-processor) does not receive "
                + "'fireflies.transcript.summarized': its patterns are [\"fireflies.transcript.uploaded\", \"fireflies.transcript.completed\"]",
                problem.message());
        assertTrue(problem.hint().contains("fireflies.transcript.*"), problem::hint);
    }

    @Test
    void aServiceWithoutSubscriptionCannotStreamEvents() {
        WiringProblem problem = only(problems("transcript-procesor", app -> app.stream(COMPLETED, Completed.class).foreach(e -> {})));
        assertTrue(problem.message().contains("has no subscription 'transcript-procesor'"), problem::message);
        assertTrue(problem.hint().startsWith("did you mean the subscription 'transcript-processor'?"), problem::hint);
    }

    @Test
    void aServiceWithoutSubscriptionMayHandleCommands() {
        var app = new BloodbankBuilder(topology, "worker-only");
        app.command(PROCESS, Process.class).handle((p, ctx) -> {});
        assertEquals(List.of(Pipeline.PROCESS_QUEUE), app.build().consumers().stream().map(c -> c.queue().queue()).toList());
    }

    record CamelCompleted(String transcriptId, int duration) {}

    @Test
    void anExampleThatDoesNotBindReportsJacksonsReasonAndWhere() {
        WiringProblem problem = problems(app -> app.stream(COMPLETED, CamelCompleted.class).foreach(e -> {})).get(0);
        assertTrue(problem.message().startsWith("example 1 of event 'fireflies.transcript.completed' does not bind to "
                + CamelCompleted.class.getName() + " at /duration_seconds: Unrecognized field \"duration_seconds\""), problem::message);
        assertTrue(problem.hint().contains("@JsonIgnoreProperties(ignoreUnknown = true)"), problem::hint);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IdOnly(String transcriptId) {}

    @Test
    void aTypeThatReadsPartOfThePayloadOnPurposeBinds() {
        var app = new BloodbankBuilder(topology, SERVICE);
        app.stream(COMPLETED, IdOnly.class).foreach(e -> {});
        assertEquals(1, app.build().consumers().size());
    }

    record WrongProcess(String transcript, int urgency) {}

    @Test
    void aSinkWhosePayloadTypeIsKnownIsCheckedAgainstTheTargetsExamples() {
        WiringProblem problem = only(problems(app -> {
            EventStream<WrongProcess> wrong = app.stream(UPLOADED, WrongProcess.class);
            wrong.foreach(e -> {});
        }).subList(0, 1));
        assertTrue(problem.message().contains("does not bind to " + WrongProcess.class.getName()), problem::message);

        WiringProblem sink = only(problems(app -> app.stream(COMPLETED, Completed.class)
                .filter(e -> true)
                .send(PROCESS)));
        assertTrue(sink.where().startsWith("send-2 at "), sink::where);
        assertTrue(sink.message().startsWith("example 1 of command 'fireflies.transcript.process' does not bind to "
                + Completed.class.getName()), sink::message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        WiringException error = assertThrows(WiringException.class, () -> {
            var app = new BloodbankBuilder(topology, SERVICE);
            app.stream("fireflies.transcript.uplodaed", Uploaded.class).foreach(e -> {});
            app.stream(SUMMARIZED, Summarized.class).foreach(e -> {});
            app.stream(COMPLETED, Completed.class).mapValues(c -> c).to(PROCESS);
            app.command(PROCESS, Process.class);
            app.build();
        });
        assertEquals(4, error.problems().size(), error::getMessage);
        assertTrue(error.getMessage().startsWith("service 'transcript-processor' is wired wrongly (4 problems):"), error::getMessage);
    }

    @Test
    void aKeyStreamedTwiceOrHandledTwiceIsRefused() {
        List<WiringProblem> problems = problems(app -> {
            app.stream(COMPLETED, Completed.class).foreach(e -> {});
            app.stream(COMPLETED, Completed.class).foreach(e -> {});
            CommandStream<Process> process = app.command(PROCESS, Process.class);
            process.handle((p, ctx) -> {});
            process.handle((p, ctx) -> {});
        });
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().startsWith("'fireflies.transcript.completed' is already taken by source-0"), problems.get(0)::message);
        assertTrue(problems.get(1).message().startsWith("command 'fireflies.transcript.process' already has a handler"), problems.get(1)::message);
    }

    @Test
    void aCommandWithoutHandlerAndAStreamThatEndsNowhereAreRefused() {
        List<WiringProblem> problems = problems(app -> {
            app.stream(COMPLETED, Completed.class).filter(e -> true).peek(e -> {});
            app.command(PROCESS, Process.class);
        });
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().equals("command 'fireflies.transcript.process' has no handler"), problems.get(0)::message);
        assertTrue(problems.get(1).message().contains("never reaches to(), send(), foreach() or handle()"), problems.get(1)::message);
    }

    @Test
    void anEmptyApplicationIsRefused() {
        assertEquals("streams no event and handles no command", only(problems(app -> {})).message());
    }

    @Test
    void aSplitWithoutBranchesAndDuplicateNamesAreRefused() {
        List<WiringProblem> problems = problems(app -> {
            var completed = app.stream(COMPLETED, Completed.class);
            completed.split(Named.as("route-")).noDefaultBranch();
            completed.foreach(e -> {}, Named.as("log"));
            completed.peek(e -> {}, Named.as("log")).foreach(e -> {});
        });
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().startsWith("the name 'log' is already used by the foreach at WiringChecksTest.java:"), problems.get(0)::message);
        assertEquals("split has no branches", problems.get(1).message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''          | must not be empty
            'a b'       | may contain only letters, digits
            'route/one' | may contain only letters, digits
            """)
    void illegalOperatorNamesAreRefusedWhereWritten(String name, String message) {
        var error = assertThrows(IllegalArgumentException.class, () -> Named.as(name));
        assertTrue(error.getMessage().contains(message), error::getMessage);
    }

    @Test
    void streamsOfTwoBuildersCannotBeMerged() {
        var one = new BloodbankBuilder(topology, SERVICE).stream(COMPLETED, Completed.class);
        var other = new BloodbankBuilder(topology, SERVICE).stream(COMPLETED, Completed.class);
        var error = assertThrows(IllegalArgumentException.class, () -> one.merge(other));
        assertTrue(error.getMessage().contains("another BloodbankBuilder"), error::getMessage);
    }

    @Test
    void aSplitCannotGrowAfterItEnded() {
        var split = new BloodbankBuilder(topology, SERVICE).stream(COMPLETED, Completed.class).split();
        split.defaultBranch();
        assertThrows(IllegalStateException.class, () -> split.branch(e -> true));
    }
}
