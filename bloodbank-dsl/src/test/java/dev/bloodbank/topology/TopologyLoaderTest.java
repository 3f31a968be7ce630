package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyLoaderTest {

    private static final Path VALID = Path.of("src/test/resources/topologies/valid/topology.yaml");

    @TempDir
    Path dir;

    @Test
    void loadsEveryDeclarationInOrder() {
        Topology topology = Topology.load(VALID);

        assertEquals(Topology.API_VERSION, topology.apiVersion());
        assertEquals(List.of("fireflies.transcript.uploaded", "fireflies.transcript.completed", "github.pull-request.merged",
                "llm.call.completed"), List.copyOf(topology.events().keySet()));
        assertEquals(List.of("agent.task.assign", "artifact.file.store"), List.copyOf(topology.commands().keySet()));
        assertEquals(List.of("transcript-processor", "candystore"), List.copyOf(topology.subscriptions().keySet()));
        assertEquals(VALID, topology.source());
    }

    @Test
    void appliesDefaultsWhereTheFileIsSilent() {
        Topology topology = Topology.load(VALID);

        assertEquals(new Exchanges("bloodbank.events.v1", "bloodbank.commands.v1", "acme.dlx.v1", "bloodbank.unrouted.v1", "bloodbank.retry.v1"),
                topology.exchanges());
        RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(500), 3.0, Duration.ofSeconds(30));
        assertEquals(new Defaults(QueueType.QUORUM, 20, retry), topology.defaults());
        assertEquals(new QueueSettings("bloodbank.cmd.artifact.file.store", 20, QueueType.QUORUM, retry),
                topology.command("artifact.file.store").orElseThrow().worker());
        assertEquals(new QueueSettings("bloodbank.sub.transcript-processor", 20, QueueType.QUORUM, retry),
                topology.subscription("transcript-processor").orElseThrow().queue());
    }

    @Test
    @DisplayName("a worker's retry overrides the defaults field by field")
    void mergesPartialRetryOverDefaults() {
        QueueSettings worker = Topology.load(VALID).command("agent.task.assign").orElseThrow().worker();

        assertEquals(new QueueSettings("bloodbank.cmd.agent.task.assign", 10, QueueType.QUORUM,
                new RetryPolicy(3, Duration.ofMillis(500), 3.0, Duration.ofSeconds(30))), worker);
    }

    @Test
    void readsExplicitQueueSettings() {
        Subscription candystore = Topology.load(VALID).subscription("candystore").orElseThrow();

        assertEquals(List.of("#"), candystore.patterns());
        assertEquals("candystore.archive", candystore.queue().queue());
        assertEquals(200, candystore.queue().prefetch());
        assertEquals(QueueType.CLASSIC, candystore.queue().queueType());
    }

    @Test
    void readsSchemasInlineAndFromJsonAndYamlFiles() throws Exception {
        Topology topology = Topology.load(VALID);
        ObjectMapper json = new ObjectMapper();

        EventDefinition uploaded = topology.event("fireflies.transcript.uploaded").orElseThrow();
        assertEquals(List.of(json.readTree("{\"media_file\":\"s3://recordings/call.m4a\",\"media_duration_seconds\":312}")),
                uploaded.examples());
        assertTrue(uploaded.schema().isValid(json.readTree("{\"media_file\":\"a\",\"media_duration_seconds\":1.5}")));
        assertFalse(uploaded.schema().isValid(json.readTree("{\"media_file\":\"a\"}")));

        EventDefinition merged = topology.event("github.pull-request.merged").orElseThrow();
        assertFalse(merged.schema().isValid(json.readTree("{\"repository\":\"r\",\"number\":\"42\"}")));

        CommandDefinition assign = topology.command("agent.task.assign").orElseThrow();
        assertTrue(assign.schema().isValid(json.readTree("{\"agent\":\"a\",\"task\":\"t\"}")));
    }

    @Test
    void locatesEachDefinitionAtItsKey() {
        Topology topology = Topology.load(VALID);

        assertEquals(new Location(VALID, 9, 3), topology.event("fireflies.transcript.uploaded").orElseThrow().location());
        assertEquals(new Location(VALID, 35, 3), topology.command("agent.task.assign").orElseThrow().location());
        assertEquals(new Location(VALID, 52, 3), topology.subscription("candystore").orElseThrow().location());
    }

    @Test
    @DisplayName("a classpath directory loads like the same files on disk, schema files resolved beside the topology")
    void loadsFromClasspathResources() {
        TopologySource source = TopologySource.classpath("topologies/valid/topology.yaml", getClass().getClassLoader());

        ValidationReport report = Topology.validate(source);

        assertEquals(List.of(), report.problems());
        Topology fromClasspath = report.orThrow();
        Topology fromFile = Topology.load(VALID);
        assertEquals(Path.of("classpath:topologies/valid/topology.yaml"), fromClasspath.source());
        assertEquals(fromFile.events().keySet(), fromClasspath.events().keySet());
        assertEquals(fromFile.event("fireflies.transcript.uploaded").orElseThrow().schema().document(),
                fromClasspath.event("fireflies.transcript.uploaded").orElseThrow().schema().document());
    }

    @Test
    void reportsAMissingClasspathSchemaFileAsTheResourceItResolvedTo() {
        TopologySource source = TopologySource.classpath("topologies/missing-schema/topology.yaml", getClass().getClassLoader());

        Problem problem = TopologyFiles.only(Topology.validate(source));

        assertEquals("classpath:topologies/missing-schema/topology.yaml:5:17: error: schemaFile not found: "
                + "classpath:topologies/missing-schema/schemas/nowhere.json", problem.headline());
    }

    @Test
    void loadThrowsWithEveryErrorAndValidateKeepsWarnings() {
        String broken = """
                apiVersion: bloodbank/v1
                events:
                  a.b.create: {description: x, schema: {type: object}}
                  a.b.deleted: {schema: {type: object}}
                """;
        Path file = TopologyFiles.write(dir, "topology.yaml", broken);

        TopologyException thrown = assertThrows(TopologyException.class, () -> Topology.load(file));

        assertEquals(2, thrown.problems().size());
        assertEquals(String.join(System.lineSeparator(),
                        file + ":3:3: error: event key 'a.b.create' does not end in a past-tense verb ('create');"
                                + " an event says what happened: <domain>.<entity>.<past-tense-action>",
                        "  hint: use 'a.b.created', or declare it as a command if it asks for something to be done",
                        file + ":4:3: error: event 'a.b.deleted' has no description",
                        "  hint: add 'description:' with one sentence on what it means"),
                thrown.getMessage());
    }

    @Test
    void aTopologyWithOnlyWarningsIsValid() {
        ValidationReport report = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schema: {type: object}}
                subscriptions:
                  auditor:
                    events: ["a.c.*"]
                """);

        assertTrue(report.isValid());
        assertEquals(List.of("6:14: warning: event pattern 'a.c.*' of subscription 'auditor' matches no declared event"),
                TopologyFiles.headlines(report));
        assertEquals(report.problems(), report.warnings());
        assertEquals(List.of(), report.errors());
    }

    @Test
    void readsYamlMergeKeysWithTheExplicitFieldWinning() {
        Topology topology = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: &base
                    description: Base.
                    schema: {type: object}
                  a.b.deleted:
                    <<: *base
                    description: Deleted.
                """).orThrow();

        assertEquals("Deleted.", topology.event("a.b.deleted").orElseThrow().description());
        assertEquals(topology.event("a.b.created").orElseThrow().schema().document(),
                topology.event("a.b.deleted").orElseThrow().schema().document());
    }

    @Test
    void sharesOneCompiledSchemaBetweenMessagesNamingTheSameFile() {
        TopologyFiles.write(dir, "schemas/id.json", "{\"type\": \"object\"}");
        Topology topology = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schemaFile: schemas/id.json}
                  a.b.deleted: {description: x, schemaFile: ./schemas/../schemas/id.json}
                """).orThrow();

        assertTrue(topology.event("a.b.created").orElseThrow().schema() == topology.event("a.b.deleted").orElseThrow().schema());
    }

    @Test
    void compilesEqualInlineSchemasOnce() {
        Topology topology = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schema: {type: object, required: [id]}}
                  a.b.deleted: {description: x, schema: {required: [id], type: object}}
                  a.b.moved: {description: x, schema: {type: object}}
                """).orThrow();

        assertTrue(topology.event("a.b.created").orElseThrow().schema() == topology.event("a.b.deleted").orElseThrow().schema());
        assertFalse(topology.event("a.b.created").orElseThrow().schema() == topology.event("a.b.moved").orElseThrow().schema());
    }

    @Test
    void anEmptySectionReadsAsNoEntries() {
        ValidationReport report = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schema: {type: object}}
                commands:
                subscriptions:
                """);

        assertEquals(List.of(), report.problems());
        assertTrue(report.orThrow().commands().isEmpty());
    }
}
