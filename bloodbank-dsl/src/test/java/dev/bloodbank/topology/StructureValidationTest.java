package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("the structure of topology.yaml: fields, types, duplicates, keys")
class StructureValidationTest {

    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        return TopologyFiles.headlines(TopologyFiles.validate(dir, yaml));
    }

    @Test
    void reportsUnknownFieldsAtEveryLevelWithTheNearestValidOne() {
        ValidationReport report = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                exchange: {}
                exchanges: {event: my.events}
                defaults:
                  prefech: 10
                  retry: {attempts: 3, initalDelay: 1s}
                events:
                  a.b.created:
                    descripton: Something was created.
                    schema: {type: object}
                commands:
                  a.b.create:
                    description: Create something.
                    schema: {type: object}
                    workers: {}
                    worker: {prefetch: 1, qeue: x}
                subscriptions:
                  auditor:
                    event: ["a.b.created"]
                """);

        assertEquals(List.of(
                "2:1: error: unknown field 'exchange' in the topology",
                "3:13: error: unknown field 'event' in exchanges",
                "5:3: error: unknown field 'prefech' in defaults",
                "6:24: error: unknown field 'initalDelay' in defaults.retry",
                "8:3: error: event 'a.b.created' has no description",
                "9:5: error: unknown field 'descripton' in event 'a.b.created'",
                "15:5: error: unknown field 'workers' in command 'a.b.create'",
                "16:27: error: unknown field 'qeue' in worker of command 'a.b.create'",
                "18:3: error: subscription 'auditor' has no events",
                "19:5: error: unknown field 'event' in subscription 'auditor'"),
                report.errors().stream().map(TopologyFiles::headline).map(h -> h.replace(": error: ", ": error: ")).toList());
        assertEquals(List.of(
                        "did you mean 'exchanges'? valid fields: apiVersion, exchanges, defaults, events, commands, subscriptions, archive",
                        "did you mean 'events'? valid fields: events, commands, deadLetter, unrouted, retry",
                        "did you mean 'prefetch'? valid fields: queueType, prefetch, retry, replicas, compatibility",
                        "did you mean 'initialDelay'? valid fields: attempts, initialDelay, multiplier, maxDelay",
                        "add 'description:' with one sentence on what it means",
                        "did you mean 'description'? valid fields: description, schema, schemaFile, examples, compatibility",
                        "did you mean 'worker'? valid fields: description, schema, schemaFile, examples, compatibility, worker",
                        "did you mean 'queue'? valid fields: queue, prefetch, queueType, retry, replicas",
                        "add 'events: [\"domain.entity.*\"]' with the topic patterns it receives",
                        "did you mean 'events'? valid fields: events, queue, prefetch, queueType, retry, replicas"),
                report.problems().stream().map(Problem::hint).toList());
    }

    @Test
    void anUnknownFieldFarFromAnyValidOneGetsTheListOnly() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                owner: platform-team
                """ + TopologyFiles.ONE_EVENT));

        assertEquals("2:1: error: unknown field 'owner' in the topology", TopologyFiles.headline(problem));
        assertEquals("valid fields: apiVersion, exchanges, defaults, events, commands, subscriptions, archive", problem.hint());
    }

    @Test
    void reportsEveryDuplicateKeyNotOnlyTheFirst() {
        assertEquals(List.of(
                        "4:3: error: duplicate key 'a.b.created' in events (first declared at line 3)",
                        "7:5: error: duplicate key 'description' in event 'a.b.deleted' (first declared at line 6)",
                        "9:1: error: duplicate key 'events' in the topology (first declared at line 2)",
                        "14:28: error: duplicate key 'type' in the schema of command 'a.b.update' (first at line 14)"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created: {description: x, schema: {type: object}}
                          a.b.created: {description: y, schema: {type: object}}
                          a.b.deleted:
                            description: first
                            description: second
                            schema: {type: object}
                        events:
                          a.b.moved: {description: x, schema: {type: object}}
                        commands:
                          a.b.update:
                            description: x
                            schema: {type: object, type: array}
                        """));
    }

    @Test
    void requiresApiVersion() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, TopologyFiles.ONE_EVENT));

        assertEquals("1:1: error: apiVersion is missing", TopologyFiles.headline(problem));
        assertEquals("add 'apiVersion: bloodbank/v1' as the first line", problem.hint());
    }

    @Test
    void refusesAnotherApiVersion() {
        assertEquals(List.of("1:13: error: apiVersion 'bloodbank/v2' is not supported"),
                problems("apiVersion: bloodbank/v2\n" + TopologyFiles.ONE_EVENT));
    }

    @Test
    void warnsAboutATopologyWithoutMessages() {
        assertEquals(List.of("1:1: warning: the topology declares no events and no commands"), problems("apiVersion: bloodbank/v1\n"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("wrong value types are named with what was found")
    @CsvSource(delimiter = '|', textBlock = """
            'defaults: {prefetch: ten}'                     | 1:22: error: prefetch must be an integer from 1 to 65535, not the string "ten"
            'defaults: {prefetch: "10"}'                    | 1:22: error: prefetch must be an integer from 1 to 65535, not the string "10"
            'defaults: {prefetch: 2.5}'                     | 1:22: error: prefetch must be an integer from 1 to 65535, not the number 2.5
            'defaults: {prefetch: [1]}'                     | 1:22: error: prefetch must be an integer from 1 to 65535, not a list
            'defaults: {retry: {multiplier: twice}}'        | 1:32: error: multiplier must be a number from 1 to 10, not the string "twice"
            'defaults: {retry: {attempts: true}}'           | 1:30: error: attempts must be an integer from 1 to 100, not the boolean true
            'defaults: {queueType: {name: quorum}}'         | 1:23: error: queueType must be text, not a mapping
            'defaults: []'                                  | 1:11: error: defaults must be a mapping, not a list
            'defaults: {retry: 3}'                          | 1:19: error: defaults.retry must be a mapping, not the integer 3
            'exchanges: {events: }'                         | 1:20: error: exchange name must be text, not an empty value
            """)
    void reportsWrongTypes(String line, String expected) {
        assertEquals(List.of(expected.replaceFirst("^1:", "2:")), problems("apiVersion: bloodbank/v1\n" + line + "\n" + TopologyFiles.ONE_EVENT));
    }

    @Test
    void explainsQuotedNumbers() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir,
                "apiVersion: bloodbank/v1\ndefaults: {prefetch: \"10\"}\n" + TopologyFiles.ONE_EVENT));

        assertEquals("remove the quotes: prefetch is a number", problem.hint());
    }

    @Test
    void reportsWrongShapesOfSectionsAndEntries() {
        assertEquals(List.of(
                        "3:3: error: event 'a.b.created' must be a mapping, not the string \"yes please\"",
                        "4:11: error: commands must be a mapping, not a list",
                        "5:16: error: subscriptions must be a mapping, not the string \"none\""),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created: yes please
                        commands: [a.b.create]
                        subscriptions: none
                        """).stream().map(s -> s.replace("3:16:", "3:3:")).toList());
    }

    @Test
    void requiresADescriptionAndExactlyOneSchema() {
        assertEquals(List.of(
                        "3:3: error: event 'a.b.created' has no description",
                        "3:3: error: event 'a.b.created' has no schema",
                        "5:30: error: description of event 'a.b.deleted' is empty",
                        "5:58: error: event 'a.b.deleted' has both schema and schemaFile"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created: {}
                        # a comment line keeps the numbering honest
                          a.b.deleted: {description: "", schema: {type: object}, schemaFile: s.json}
                        """));
    }

    @Test
    @DisplayName("a key declared both as event and command is an error at both places")
    void reportsAKeyDeclaredAsEventAndCommandAtBothPlaces() {
        assertEquals(List.of(
                        "3:3: error: 'agent.task.run' is declared both as an event and as a command (line 5)",
                        "5:3: error: 'agent.task.run' is declared both as a command and as an event (line 3)"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          agent.task.run: {description: A task ran., schema: {type: object}}
                        commands:
                          agent.task.run: {description: Run a task., schema: {type: object}}
                        """));
    }

    @Test
    @DisplayName("naming problems are located at the key and suggest the fix")
    void reportsKeyNamingProblemsAtTheKey() {
        ValidationReport report = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  github.pull-request.merge: {description: x, schema: {type: object}}
                  GitHub.PR.Merged: {description: x, schema: {type: object}}
                  github.merged: {description: x, schema: {type: object}}
                commands:
                  agent.task.assigned: {description: x, schema: {type: object}}
                """);

        assertEquals(List.of(
                        "3:3: error: event key 'github.pull-request.merge' does not end in a past-tense verb ('merge');"
                                + " an event says what happened: <domain>.<entity>.<past-tense-action>",
                        "4:3: error: event key 'GitHub.PR.Merged' is not lower-case kebab-case (segment 'GitHub')",
                        "5:3: error: event key 'github.merged' has 2 segments; an event key has three: <domain>.<entity>.<past-tense-action>",
                        "7:3: error: command key 'agent.task.assigned' ends in a past-tense verb ('assigned');"
                                + " a command says what to do, in the imperative"),
                TopologyFiles.headlines(report));
        assertEquals(List.of(
                        "use 'github.pull-request.merged', or declare it as a command if it asks for something to be done",
                        "use 'github.pr.merged'",
                        "name the domain, the entity and the past-tense action, e.g. github.pull-request.merged",
                        "use 'agent.task.assign', or declare it as an event"),
                report.problems().stream().map(Problem::hint).toList());
    }

    @Test
    void reportsEveryProblemOfAFileInOnePass() {
        ValidationReport report = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v0
                defaults: {prefetch: 0, queueType: lazy}
                events:
                  a.b.create: {description: x, schema: {type: object}}
                  a.b.deleted: {description: x, schema: {type: objet}}
                  a.b.moved: {description: x, schema: {type: object, required: [to]}, examples: [{}]}
                commands:
                  a.b.moved: {description: x, schema: {type: object}}
                subscriptions:
                  Auditor: {events: ["a..b"]}
                """);

        assertEquals(List.of(
                        "1:13: error: apiVersion 'bloodbank/v0' is not supported",
                        "2:22: error: prefetch must be from 1 to 65535, not 0",
                        "2:36: error: queueType 'lazy' is not one of: quorum, classic",
                        "4:3: error: event key 'a.b.create' does not end in a past-tense verb ('create');"
                                + " an event says what happened: <domain>.<entity>.<past-tense-action>",
                        "5:41: error: the schema of event 'a.b.deleted' is not a valid JSON Schema: unknown type: [objet]",
                        "6:3: error: 'a.b.moved' is declared both as an event and as a command (line 8)",
                        "6:82: error: example 1 of event 'a.b.moved' does not match its schema at the top level: required key [to] not found",
                        "8:3: error: command key 'a.b.moved' ends in a past-tense verb ('moved'); a command says what to do, in the imperative",
                        "8:3: error: 'a.b.moved' is declared both as a command and as an event (line 6)",
                        "10:3: error: service name 'Auditor' is not lower-case kebab-case",
                        "10:22: error: event pattern 'a..b' of subscription 'Auditor' has an empty word (two dots together, or a dot at an end)"),
                TopologyFiles.headlines(report));
    }
}
