package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamingRulesTest {

    private static Optional<NamingRules.Violation> check(String kind, String name) {
        return switch (kind) {
            case "event" -> NamingRules.checkEventKey(name);
            case "command" -> NamingRules.checkCommandKey(name);
            case "service" -> NamingRules.checkServiceName(name);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @DisplayName("accepted names")
    @CsvSource(delimiter = '|', textBlock = """
            event   | github.pull-request.merged
            event   | fireflies.transcript.uploaded
            event   | llm.call.completed
            event   | agent.task.assigned
            event   | transcript.segment.speaker-identified
            event   | llm.gpt-4.called
            event   | s3.object.uploaded
            event   | artifact.file.written
            event   | email.message.sent
            event   | ci.image.built
            event   | billing.invoice.paid
            event   | meeting.recording.begun
            event   | agent.task.run
            event   | artifact.file.read
            event   | config.flag.set
            event   | agent.worker.left
            event   | llm.model.chosen
            event   | payment.card.frozen
            event   | user.password.forgotten
            event   | cache.entry.hit
            event   | agent.lesson.taught
            event   | meeting.participant.met
            event   | agent.policy.bound
            command | agent.task.assign
            command | artifact.file.store
            command | agent.task.run
            command | artifact.file.read
            command | config.flag.set
            command | llm.prompt.split
            command | github.pull-request.merge
            command | email.message.send
            command | agent.task.cancel
            command | llm.model.choose
            command | transcript.speaker.identify
            service | transcript-processor
            service | candystore
            service | agent-2
            """)
    void accepts(String kind, String name) {
        assertEquals(Optional.empty(), check(kind, name));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @DisplayName("refused names, with the name probably meant")
    @CsvSource(delimiter = '|', textBlock = """
            event   | github.pull-request.merge      | github.pull-request.merged
            event   | GitHub.PR.Merged               | github.pr.merged
            event   | github.pull.request.merged     | github.pull-request.merged
            event   | github.pull_request.merged     | github.pull-request.merged
            event   | github..pull-request.merged    | github.pull-request.merged
            event   | github.pull-request.merged.    | github.pull-request.merged
            event   | github.pull--request.merged    | github.pull-request.merged
            event   | email.message.send             | email.message.sent
            event   | ci.image.build                 | ci.image.built
            event   | billing.invoice.pay            | billing.invoice.paid
            event   | artifact.file.write            | artifact.file.written
            event   | agent.task.retry               | agent.task.retried
            event   | agent.task.stop                | agent.task.stopped
            event   | fireflies.transcript.upload    | fireflies.transcript.uploaded
            event   | fireflies.transcript.uploading | fireflies.transcript.uploaded
            event   | fireflies.transcript.ready     | fireflies.transcript.completed
            event   | meeting.recording.feed         | meeting.recording.fed
            event   | code.change.submit             | code.change.submitted
            event   | meeting.recording.begin        | meeting.recording.begun
            command | agent.task.assigned            | agent.task.assign
            command | email.message.sent             | email.message.send
            command | github.pull-request.merged     | github.pull-request.merge
            command | artifact.file.created          | artifact.file.create
            command | artifact.file.uploaded         | artifact.file.upload
            command | artifact.record.updated        | artifact.record.update
            command | agent.task.stopped             | agent.task.stop
            command | queue.message.retried          | queue.message.retry
            command | job.ticket.closed              | job.ticket.close
            command | code.change.committed          | code.change.commit
            command | agent.job.queued               | agent.job.queue
            command | git.repository.cloned          | git.repository.clone
            command | scheduler.job.scheduled        | scheduler.job.schedule
            command | github.branch.deleted          | github.branch.delete
            command | ci.image.built                 | ci.image.build
            command | agent.task.began               | agent.task.begin
            command | ci.job.ran                     | ci.job.run
            command | Agent.Task.Assign              | agent.task.assign
            command | agent.call.installed           | agent.call.install
            service | Bad_Service                    | bad-service
            service | transcript.processor           | transcript-processor
            service | Transcript-Processor           | transcript-processor
            """)
    void refusesWithASuggestion(String kind, String name, String suggestion) {
        NamingRules.Violation violation = check(kind, name).orElseThrow(() -> new AssertionError(name + " was accepted"));

        assertTrue(violation.hint().contains("'" + suggestion + "'"), violation.hint());
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @DisplayName("refused names without a plausible fix explain the rule")
    @CsvSource(delimiter = '|', textBlock = """
            event   | github.merged        | has 2 segments; an event key has three: <domain>.<entity>.<past-tense-action>
            event   | merged               | has 1 segment; an event key has three
            event   | a..b                 | has an empty segment
            event   | 1password.item.saved | is not lower-case kebab-case (segment '1password')
            event   | ''                   | event key is empty
            command | agent.assign         | has 2 segments; a command key has three: <domain>.<entity>.<action>
            command | agent.task.as$ign    | is not lower-case kebab-case (segment 'as$ign')
            service | 2fa-gateway          | is not lower-case kebab-case
            """)
    void refusesWithTheRule(String kind, String name, String messagePart) {
        NamingRules.Violation violation = check(kind, name).orElseThrow(() -> new AssertionError(name + " was accepted"));

        assertTrue(violation.message().contains(messagePart), violation.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"merged", "sent", "written", "built", "paid", "made", "done", "begun", "found", "given", "taken", "held",
            "kept", "left", "lost", "met", "said", "seen", "sold", "told", "thrown", "won", "bound", "broken", "chosen",
            "drawn", "driven", "fallen", "forgotten", "frozen", "hidden", "known", "shown", "spoken", "stolen", "sworn",
            "torn", "worn", "woken", "bought", "brought", "caught", "fought", "sought", "taught", "thought", "cut", "put",
            "set", "shut", "split", "spread", "hit", "quit", "read", "run", "uploaded", "retried", "fed", "led"})
    void knowsPastTenseForms(String word) {
        assertTrue(NamingRules.isPastTense(word));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"merge", "send", "upload", "need", "speed", "embed", "proceed", "exceed", "red", "bed", "ready", "sync"})
    void knowsWhatIsNotPastTense(String word) {
        assertFalse(NamingRules.isPastTense(word));
    }

    @Test
    void aCommandMayUseAVerbWhosePastTenseIsTheSameWord() {
        assertEquals(Optional.empty(), NamingRules.checkCommandKey("cache.entry.put"));
        assertEquals(Optional.empty(), NamingRules.checkEventKey("cache.entry.put"));
    }

    @Test
    void explainsTheRuleForACommandThatReadsAsAnEvent() {
        NamingRules.Violation violation = NamingRules.checkCommandKey("agent.task.assigned").orElseThrow();

        assertEquals("command key 'agent.task.assigned' ends in a past-tense verb ('assigned'); a command says what to do,"
                + " in the imperative", violation.message());
        assertEquals("use 'agent.task.assign', or declare it as an event", violation.hint());
    }
}
