package dev.bloodbank.dsl;

import static dev.bloodbank.dsl.Pipeline.COMPLETED;
import static dev.bloodbank.dsl.Pipeline.PROCESS;
import static dev.bloodbank.dsl.Pipeline.SERVICE;
import static dev.bloodbank.dsl.Pipeline.SUMMARIZED;
import static dev.bloodbank.dsl.Pipeline.UPLOADED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.dsl.Pipeline.Completed;
import dev.bloodbank.dsl.Pipeline.Process;
import dev.bloodbank.dsl.Pipeline.Summarized;
import dev.bloodbank.dsl.Pipeline.Uploaded;
import dev.bloodbank.topology.Topology;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("typed keys, patterns and the value types build() checks")
class TypedWiringTest {

    /** What a generated Events / Commands class holds for the test topology. */
    static final EventType<Uploaded> UPLOADED_T = EventType.of(UPLOADED, Uploaded.class);
    static final EventType<Completed> COMPLETED_T = EventType.of(COMPLETED, Completed.class);
    static final EventType<Summarized> SUMMARIZED_T = EventType.of(SUMMARIZED, Summarized.class);
    static final CommandType<Process> PROCESS_T = CommandType.of(PROCESS, Process.class);

    /** Binds the examples of transcript.summarized only if it lacks the summary: a type that disagrees with the schema. */
    record WrongSummary(String transcriptId, int summary) {}

    private final Topology topology = Pipeline.topology();

    private List<WiringProblem> problems(Consumer<BloodbankBuilder> wiring) {
        BloodbankBuilder builder = new BloodbankBuilder(topology, SERVICE);
        wiring.accept(builder);
        return assertThrows(WiringException.class, builder::build).problems();
    }

    private static WiringProblem only(List<WiringProblem> problems) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return problems.get(0);
    }

    @Test
    void typedKeysWireSourcesSinksAndCommandsWithoutAClassArgument() {
        BloodbankBuilder app = new BloodbankBuilder(topology, SERVICE);
        app.stream(COMPLETED_T).mapValues(c -> new Process(c.transcriptId(), "high")).send(PROCESS_T);
        app.command(PROCESS_T).handle((p, ctx) -> ctx.publish(SUMMARIZED_T, new Summarized(p.transcriptId(), "ok")));
        BloodbankApp built = app.build();
        String description = built.describe().toString();
        assertTrue(description.contains("event: " + COMPLETED + " as Completed"), description);
        assertTrue(description.contains("command: " + PROCESS + " as Process"), description);
    }

    @Test
    void aStringSinkAfterATypedMapValuesIsCheckedAgainstTheKeysExamples() {
        WiringProblem problem = only(problems(app -> app.stream(COMPLETED_T)
                .mapValues(c -> new WrongSummary(c.transcriptId(), 1), WrongSummary.class)
                .to(SUMMARIZED)));
        assertTrue(problem.message().contains("does not bind to " + WrongSummary.class.getName() + " at /summary"), problem::toString);
        assertTrue(problem.where().startsWith("to-"), problem::where);
    }

    @Test
    void anUntypedMapValuesBeforeAStringSinkIsNotChecked() {
        BloodbankBuilder app = new BloodbankBuilder(topology, SERVICE);
        app.stream(COMPLETED_T).mapValues(c -> new WrongSummary(c.transcriptId(), 1)).to(SUMMARIZED);
        app.build();
    }

    @Test
    void aTypedSinkChecksItsOwnClassWhenTheChainForgotTheType() {
        EventType<WrongSummary> wrong = EventType.of(SUMMARIZED, WrongSummary.class);
        WiringProblem problem = only(problems(app -> app.stream(UPLOADED_T)
                .flatMapValues(u -> List.of(new WrongSummary(u.mediaFile(), 2)))
                .to(wrong)));
        assertTrue(problem.message().contains("does not bind to " + WrongSummary.class.getName()), problem::toString);
    }

    @Test
    void aPatternStreamTakesTheMatchedKeysNotStreamedByName() {
        BloodbankBuilder app = new BloodbankBuilder(topology, SERVICE);
        app.stream(COMPLETED_T).foreach(e -> {});
        EventStream<JsonNode> rest = app.stream("fireflies.transcript.*");
        rest.split().branch(UPLOADED_T, s -> s.foreach(e -> {})).noDefaultBranch();
        BloodbankApp built = app.build();
        Set<String> keys = built.consumers().get(0).handlers().keySet();
        // the pattern matches uploaded, completed, summarized and skipped; the subscription receives
        // uploaded and completed, and completed is streamed by name: one handler each
        assertEquals(Set.of(UPLOADED, COMPLETED), keys);
    }

    @Test
    void aPatternOverEventsTheSubscriptionDoesNotReceiveIsAProblem() {
        WiringProblem problem = only(problems(app -> app.stream("fireflies.transcript.summarized").foreach(e -> {})));
        assertTrue(problem.message().contains("subscription 'transcript-processor' receives none of the events it matches [\"" + SUMMARIZED + "\"]"),
                problem::toString);
    }

    @Test
    void aPatternWhoseEventsAreAllStreamedByNameIsAProblem() {
        WiringProblem problem = only(problems(app -> {
            app.stream(UPLOADED_T).foreach(e -> {});
            app.stream(COMPLETED_T).foreach(e -> {});
            app.stream("fireflies.transcript.*").foreach(e -> {});
        }));
        assertTrue(problem.message().contains("every event it matches that the service receives is streamed by name"), problem::toString);
    }

    @Test
    void aPatternThatMatchesNoEventIsAProblem() {
        WiringProblem problem = only(problems(app -> app.stream("billing.#").foreach(e -> {})));
        assertTrue(problem.message().contains("stream(\"billing.#\"): the pattern matches no event of the topology"), problem::toString);
    }

    @Test
    void aMalformedPatternIsAProblem() {
        WiringProblem problem = only(problems(app -> app.stream("fireflies.trans*").foreach(e -> {})));
        assertTrue(problem.message().contains("has 'trans*'"), problem::toString);
    }

    @Test
    void twoPatternsMatchingOneKeyAreAProblem() {
        List<WiringProblem> problems = problems(app -> {
            app.stream("fireflies.transcript.uploaded").foreach(e -> {});
            app.stream("fireflies.#.uploaded").foreach(e -> {});
        });
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("both match '" + UPLOADED + "'")), problems::toString);
    }

    @Test
    void aBranchByAKeyTheTopologyLacksIsAProblem() {
        EventType<Uploaded> typo = EventType.of("fireflies.transcript.uploded", Uploaded.class);
        WiringProblem problem = only(problems(app -> app.stream(UPLOADED_T.key()).split()
                .branch(typo, s -> s.foreach(e -> {})).defaultBranch(Branched.withConsumer(s -> s.foreach(e -> {})))));
        assertTrue(problem.message().contains("branch(\"fireflies.transcript.uploded\")"), problem::toString);
        assertEquals("did you mean 'fireflies.transcript.uploaded'?", problem.hint());
    }
}
