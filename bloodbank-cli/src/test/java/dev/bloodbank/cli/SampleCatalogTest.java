package dev.bloodbank.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.cli.options.TopologyFile;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The sample catalog at the repository root")
class SampleCatalogTest {

    private static TopologyFile.Checked checked;

    @BeforeAll
    static void check() {
        checked = TopologyFile.onDisk(Cli.sampleTopology()).check();
    }

    @Test
    void validatesWithoutErrorsOrWarnings() {
        assertEquals("", checked.problems().stream().map(Object::toString).collect(Collectors.joining("\n")));
        assertNotNull(checked.topology());
    }

    @Test
    void meetsTheCatalogMinimums() {
        Topology topology = checked.topology();
        Set<String> domains = new HashSet<>();
        topology.messages().forEach(m -> domains.add(m.domain()));

        assertTrue(topology.events().size() >= 34, "events: " + topology.events().size());
        assertTrue(topology.commands().size() >= 8, "commands: " + topology.commands().size());
        assertTrue(domains.size() >= 7, "domains: " + domains);
        assertTrue(topology.subscriptions().size() >= 4, "subscriptions: " + topology.subscriptions().keySet());
    }

    @Test
    void everyMessageHasADescriptionAndAnExample() {
        for (MessageDefinition message : checked.topology().messages()) {
            assertFalse(message.description().isBlank(), message.key());
            assertFalse(message.examples().isEmpty(), message.key() + " has no example");
        }
    }

    @Test
    void everyEventReachesASubscriptionBesidesTheArchive() {
        Topology topology = checked.topology();
        for (String key : topology.events().keySet()) {
            Set<String> services = topology.subscribersOf(key).stream().map(Subscription::service).collect(Collectors.toSet());
            assertTrue(services.contains("candystore"), key + " is not archived");
        }
    }

    @Test
    void schemasRejectAnEmptyPayload() {
        ObjectMapper mapper = new ObjectMapper();
        for (MessageDefinition message : checked.topology().messages()) {
            assertFalse(message.schema().validate(mapper.createObjectNode()).isEmpty(),
                    message.key() + " accepts {}: its schema requires nothing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"agent-context-example.json", "python-publish-example.json"})
    void payloadsOfThePythonProducersValidateAgainstTheirSchemas(String fixture) throws IOException {
        JsonNode envelope;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/envelopes/" + fixture)) {
            envelope = new ObjectMapper().readTree(in);
        }
        String type = envelope.get("event_type").asText();
        MessageDefinition event = checked.topology().event(type).orElseThrow(() -> new AssertionError(type + " is not in the catalog"));

        assertEquals("[]", event.schema().validate(envelope.get("payload")).toString());
    }

    @Test
    void theJarEmbedsTheCatalogAsItIsAtTheRoot() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/" + TopologyOption.EMBEDDED_RESOURCE)) {
            assertNotNull(in, "the build copies topology.yaml into the jar");
            assertArrayEquals(Files.readAllBytes(Cli.sampleTopology()), in.readAllBytes());
        }
        assertNotNull(getClass().getResource("/bloodbank/default/schemas/llm/call-completed.json"));
    }
}
