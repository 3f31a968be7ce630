package dev.bloodbank.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaExportTest {

    private static final Topology SAMPLE = Topology.load(Path.of("..", "topology.yaml"));

    @Test
    void oneDraft07DocumentPerKeyWithAStableIdAndAClassName() {
        Map<String, ObjectNode> files = JsonSchemaExport.of(SAMPLE);

        assertEquals(SAMPLE.messages().size(), files.size());
        ObjectNode uploaded = files.get("fireflies.transcript.uploaded.json");
        assertEquals(List.of("$schema", "$id", "title", "description"), fieldNames(uploaded).subList(0, 4));
        assertEquals(JsonSchemaExport.DRAFT_07, uploaded.get("$schema").asText());
        assertEquals("urn:bloodbank:event:fireflies.transcript.uploaded", uploaded.get("$id").asText());
        assertEquals("urn:bloodbank:command:fireflies.transcript.process", files.get("fireflies.transcript.process.json").get("$id").asText());
        assertEquals(JsonSchemaExport.of(SAMPLE), files, "the same topology exports the same files");
    }

    @Test
    void theExportedSchemaAcceptsWhatTheTopologySchemaAccepts() {
        Map<String, ObjectNode> files = JsonSchemaExport.of(SAMPLE);
        SAMPLE.messages().forEach(message -> {
            MessageSchema exported = MessageSchema.compile(files.get(message.key() + ".json"));
            for (JsonNode example : message.examples()) assertTrue(exported.isValid(example), message.key() + ": " + example);
        });
    }

    @Test
    void aKeyBecomesAClassName() {
        assertEquals("GithubPullRequestMerged", JsonSchemaExport.className("github.pull-request.merged"));
        assertEquals("AgentTaskAssign", JsonSchemaExport.className("agent.task.assign"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
