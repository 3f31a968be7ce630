package dev.bloodbank.cli.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.cli.ApplicationJars;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.dsl.BloodbankApplication;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bloodbank describe}: the applications of {@link DescribedApplications} are registered on
 * this module's test class path; {@link ApplicationJars} builds others that only --classpath finds.
 */
class DescribeCommandTest {

    private static final String SAMPLE = Cli.sampleTopology().toString();

    @Test
    void withoutANameListsTheApplicationsFoundSortedByName() {
        Cli.Result result = Cli.run("describe", "-f", SAMPLE);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                miswired           dev.bloodbank.cli.DescribedApplications$Miswired
                needs-credentials  dev.bloodbank.cli.DescribedApplications$NeedsCredentials
                review-requests    dev.bloodbank.cli.DescribedApplications$ReviewRequests
                3 applications; `bloodbank describe NAME` prints one's graph
                """, result.out());
        assertEquals("", result.err());
    }

    @Test
    void listingAsJsonNamesEachApplicationAndItsClass() throws Exception {
        Cli.Result result = Cli.run("describe", "-o", "json");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(1, json.get("formatVersion").asInt());
        List<String> names = new ArrayList<>();
        json.get("applications").forEach(a -> names.add(a.get("name").asText()));
        assertEquals(List.of("miswired", "needs-credentials", "review-requests"), names);
        assertEquals("dev.bloodbank.cli.DescribedApplications$ReviewRequests", json.at("/applications/2/class").asText());
    }

    @Test
    void describesTheNamedApplicationAsText() {
        Cli.Result result = Cli.run("describe", "review-requests", "-f", SAMPLE);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                Service: github-reviewer
                  Sub-topology: 0 (queue: github-reviewer.events)
                    Source: source-0 (event: github.pull-request.opened as JsonNode)
                      --> ready-for-review
                    Processor: ready-for-review
                      --> request-review
                      <-- source-0
                    Sink: request-review (command: github.pull-request.review)
                      <-- ready-for-review
                """, result.out());
        assertEquals("", result.err());
    }

    @Test
    void theTextIsTheSameOnEveryRun() {
        assertEquals(Cli.run("describe", "review-requests").out(), Cli.run("describe", "review-requests").out());
    }

    @Test
    void describesTheNamedApplicationAsJson() throws Exception {
        Cli.Result result = Cli.run("describe", "review-requests", "-f", SAMPLE, "-o", "json");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(1, json.get("formatVersion").asInt());
        assertEquals("review-requests", json.get("application").asText());
        assertEquals("github-reviewer", json.get("service").asText());
        JsonNode sub = json.at("/subtopologies/0");
        assertEquals(0, sub.get("id").asInt());
        assertEquals("github-reviewer.events", sub.get("queue").asText());
        List<String> nodes = new ArrayList<>();
        sub.get("nodes").forEach(n -> nodes.add(n.get("role").asText() + " " + n.get("name").asText()));
        assertEquals(List.of("source source-0", "processor ready-for-review", "sink request-review"), nodes);
        assertEquals("event: github.pull-request.opened as JsonNode", sub.at("/nodes/0/detail").asText());
        assertTrue(sub.at("/nodes/1/detail").isNull(), sub::toString);
        assertEquals("source-0", sub.at("/nodes/1/predecessors/0").asText());
        assertEquals("request-review", sub.at("/nodes/1/successors/0").asText());
        assertEquals(0, sub.at("/nodes/2/successors").size());
    }

    @Test
    void unknownApplicationExitsOneAndListsTheAvailableOnes() {
        Cli.Result result = Cli.run("describe", "review-request");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertEquals("bloodbank: no application 'review-request' found\n"
                + "  hint: did you mean review-requests? available: miswired, needs-credentials, review-requests\n", result.err());
    }

    @Test
    void wiringThatDoesNotFitTheTopologyPrintsEveryProblem() {
        Cli.Result result = Cli.run("describe", "miswired", "-f", SAMPLE);

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        String err = result.err();
        assertTrue(err.startsWith("source-0 at DescribedApplications.java:"), err);
        assertTrue(err.contains(": subscription 'github-reviewer' (queue github-reviewer.events) does not receive"
                + " 'fireflies.transcript.uploaded'"), err);
        assertTrue(err.contains("\n    hint: add \"fireflies.transcript.uploaded\""), err);
        assertTrue(err.contains(": send(\"github.pull-request.opened\"): 'github.pull-request.opened' is an event, not a command\n"), err);
        assertTrue(err.endsWith("bloodbank: application 'miswired' (dev.bloodbank.cli.DescribedApplications$Miswired)"
                + " does not fit the topology (2 problems); fix the wiring above\n"), err);
    }

    @Test
    void anApplicationThatFailsToBuildIsOneLineWithoutAStackTrace() {
        Cli.Result result = Cli.run("describe", "needs-credentials");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: application 'needs-credentials' (dev.bloodbank.cli.DescribedApplications$NeedsCredentials)"
                + " failed to build: java.lang.IllegalStateException: GITHUB_TOKEN is not set\n"
                + "  hint: BLOODBANK_DEBUG=1 shows the stack trace\n", result.err());
    }

    @Test
    void noApplicationsSaysHowToProvideOne() {
        Cli.Result result = Cli.runWith(ApplicationJars.withoutRegistrations(), "describe");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: no applications found on bloodbank's class path\n"
                + "  hint: give the application's jar (or class directory) with --classpath; it registers its"
                + " BloodbankApplication classes in META-INF/services/dev.bloodbank.dsl.BloodbankApplication\n", result.err());
    }

    @Test
    void noApplicationsOnTheGivenClassPathNamesWhereItLooked(@TempDir Path dir) {
        Cli.Result result = Cli.runWith(ApplicationJars.withoutRegistrations(), "describe", "--classpath", dir.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank: no applications found on bloodbank's class path nor in " + dir + "\n"),
                result::err);
    }

    @ParameterizedTest(name = "--classpath {0}")
    @ValueSource(strings = {"class directory", "jar"})
    void theOnlyApplicationOnTheClassPathIsDescribedWithoutItsName(String form, @TempDir Path dir) throws IOException {
        Path entry = form.equals("jar") ? ApplicationJars.agentLogJar(dir) : ApplicationJars.agentLogClasses(dir);

        Cli.Result result = Cli.runWith(ApplicationJars.withoutRegistrations(), "describe", "--classpath", entry.toString(), "-f", SAMPLE);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                Service: agent-orchestrator
                  Sub-topology: 0 (queue: bloodbank.sub.agent-orchestrator)
                    Source: source-0 (event: agent.task.assigned as Map)
                      --> log-assignment
                    Processor: log-assignment
                      --> none
                      <-- source-0
                """, result.out());
    }

    @Test
    void classPathEntriesAddToBloodbanksOwnApplications(@TempDir Path dir) throws IOException {
        Path classes = ApplicationJars.agentLogClasses(dir);
        Path empty = Files.createDirectories(dir.resolve("empty"));

        Cli.Result result = Cli.run("describe", "--classpath", classes + File.pathSeparator + empty);

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("agent-log          com.example.agents.AgentLog\n"), result::out);
        assertTrue(result.out().endsWith("4 applications; `bloodbank describe NAME` prints one's graph\n"), result::out);
    }

    @Test
    void aRegisteredClassThatCannotBeLoadedIsOneClearLine(@TempDir Path dir) throws IOException {
        ApplicationJars.register(dir, "com.example.Missing");

        Cli.Result result = Cli.runWith(ApplicationJars.withoutRegistrations(), "describe", "--classpath", dir.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertEquals("bloodbank: cannot load an application: Provider com.example.Missing not found\n"
                + "  hint: check the class names in " + BloodbankApplication.REGISTRATION
                + " and that --classpath holds every jar the application needs\n", result.err());
    }

    @Test
    void anApplicationNeedingAClassThatIsNotOnTheClassPathSaysSo(@TempDir Path dir) throws IOException {
        Path classes = ApplicationJars.compile(dir, Map.of(
                "com.example.billing.Ledger", """
                        package com.example.billing;
                        public final class Ledger {
                            public static String service() { return "llm-ledger"; }
                        }
                        """,
                "com.example.billing.LedgerApplication", """
                        package com.example.billing;
                        import dev.bloodbank.dsl.*;
                        import dev.bloodbank.topology.Topology;
                        public final class LedgerApplication implements BloodbankApplication {
                            public String name() { return "ledger"; }
                            public BloodbankApp build(Topology topology) {
                                return new BloodbankBuilder(topology, Ledger.service()).build();
                            }
                        }
                        """));
        ApplicationJars.register(classes, "com.example.billing.LedgerApplication");
        // the jar that would hold it is missing from --classpath
        Files.delete(classes.resolve("com/example/billing/Ledger.class"));

        Cli.Result result = Cli.runWith(ApplicationJars.withoutRegistrations(), "describe", "--classpath", classes.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: application 'ledger' (com.example.billing.LedgerApplication) needs a class that is not"
                + " on the class path: java.lang.NoClassDefFoundError: com/example/billing/Ledger\n"
                + "  hint: add the jars the application depends on to --classpath\n", result.err());
    }

    @Test
    void aMissingClassPathEntryIsAnError(@TempDir Path dir) {
        Path missing = dir.resolve("app.jar");

        Cli.Result result = Cli.run("describe", "--classpath", missing.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: class path entry " + missing + " does not exist\n"
                + "  hint: give a jar or a directory of classes, e.g. examples/target/classes\n", result.err());
    }

    @Test
    void aClassPathFileThatIsNotAJarIsAnError(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a jar");

        Cli.Result result = Cli.run("describe", "--classpath", notes.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank: class path entry " + notes + " is not a jar: "), result::err);
    }

    @Test
    void anInvalidTopologyIsReportedBeforeAnythingIsBuilt(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("topology.yaml"), "apiVersion: bloodbank/v1\nevents: [ nope ]\n");

        Cli.Result result = Cli.run("describe", "review-requests", "-f", broken.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains(broken + ":2:"), result::err);
        assertTrue(result.err().endsWith("`bloodbank validate` checks again\n"), result::err);
    }
}
