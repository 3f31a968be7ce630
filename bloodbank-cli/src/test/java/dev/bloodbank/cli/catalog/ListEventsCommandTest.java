package dev.bloodbank.cli.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.cli.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ListEventsCommandTest {

    private static final String SAMPLE = Cli.sampleTopology().toString();

    @Test
    void tableGroupsKeysByDomainWithDescriptionsAndATotalLine() {
        Cli.Result result = Cli.run("list-events", "-f", SAMPLE);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("agent", lines.get(0), "domains are sorted, agent first");
        assertTrue(lines.get(1).matches("  agent\\.session\\.started +event +An agent session began.*"), lines.get(1));
        assertTrue(result.out().contains("\nfireflies\n  fireflies.transcript.uploaded "), result::out);
        assertTrue(result.out().contains("  fireflies.transcript.process ") && result.out().contains("command"));
        assertTrue(lines.get(lines.size() - 1).matches("\\d+ events, \\d+ commands in \\d+ domains"), lines.get(lines.size() - 1));
    }

    @Test
    void totalLineCountsWhatTheTopologyDeclares() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Cli.run("list-events", "-f", SAMPLE, "-o", "json").out());
        String lastLine = last(Cli.run("list-events", "-f", SAMPLE).out());

        assertEquals(json.at("/totals/events").asInt() + " events, " + json.at("/totals/commands").asInt()
                + " commands in " + json.at("/totals/domains").asInt() + " domains", lastLine);
    }

    @Test
    void jsonListsEveryMessageWithKindDomainAndDescription() throws Exception {
        Cli.Result result = Cli.run("list-events", "-f", SAMPLE, "-o", "json");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(1, json.get("formatVersion").asInt());
        JsonNode messages = json.get("messages");
        assertTrue(messages.size() >= 40, "the sample catalog has at least 40 messages");
        JsonNode first = messages.get(0);
        assertEquals("agent.session.started", first.get("key").asText());
        assertEquals("event", first.get("kind").asText());
        assertEquals("agent", first.get("domain").asText());
        assertTrue(first.get("description").asText().startsWith("An agent session began"));
        long commands = 0;
        for (JsonNode message : messages) if (message.get("kind").asText().equals("command")) commands++;
        assertEquals(commands, json.at("/totals/commands").asLong());
    }

    @Test
    void domainFilterKeepsOnlyThatDomain() {
        Cli.Result result = Cli.run("list-events", "-f", SAMPLE, "--domain", "fireflies");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("fireflies", result.out().lines().findFirst().orElseThrow());
        for (String key : keys(result.out())) assertTrue(key.startsWith("fireflies."), key);
        assertEquals("5 events, 1 command in 1 domain", last(result.out()));
    }

    @Test
    void typeCommandListsOnlyCommandsWithoutAKindColumn() {
        Cli.Result result = Cli.run("list-events", "-f", SAMPLE, "--type", "command");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().matches("(?s).*\n  agent\\.task\\.assign +Give a task to a named agent.*"), result::out);
        assertTrue(keys(result.out()).stream().noneMatch(k -> k.endsWith("ed")), result::out);
        assertTrue(last(result.out()).matches("\\d+ commands in \\d+ domains"), result::out);
    }

    @Test
    void listCommandsIsListEventsWithTypeCommand() {
        assertEquals(
                Cli.run("list-events", "-f", SAMPLE, "--type", "command").out(),
                Cli.run("list-commands", "-f", SAMPLE).out());
        assertEquals(
                Cli.run("list-events", "-f", SAMPLE, "--type", "command", "--domain", "agent", "-o", "json").out(),
                Cli.run("list-commands", "-f", SAMPLE, "--domain", "agent", "-o", "json").out());
    }

    @Test
    void unknownDomainIsAUserErrorThatNamesTheDomains() {
        Cli.Result result = Cli.run("list-events", "-f", SAMPLE, "--domain", "firefly");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertEquals(
                "bloodbank: no domain 'firefly' in the topology\n"
                        + "  hint: did you mean fireflies? the domains are agent, artifact, calendar, fireflies, github,"
                        + " llm, meeting, notification, theboard\n",
                result.err());
    }

    @Test
    void unknownTypeIsAUsageError() {
        Cli.Result result = Cli.run("list-events", "-f", SAMPLE, "--type", "query");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("'query' is not a kind; use event or command"), result::err);
        assertTrue(result.err().contains("Try 'bloodbank list-events --help' for more information."), result::err);
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        Cli.Result result = Cli.run("list-events", "-f", SAMPLE, "-o", "yaml");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("'yaml' is not an output format; use table (or text) or json"), result::err);
    }

    private static String last(String text) {
        List<String> lines = text.lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static List<String> keys(String table) {
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  (\\S+)").matcher(table);
        while (m.find()) keys.add(m.group(1));
        return keys;
    }
}
