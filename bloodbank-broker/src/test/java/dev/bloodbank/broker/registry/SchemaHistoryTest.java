package dev.bloodbank.broker.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.topology.MessageKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the registry's versions, folded from the stream in order")
class SchemaHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TopologyOrigin ORIGIN = new TopologyOrigin("topology.yaml", "ab");

    private static SchemaVersion record(String key, int claimed, String schema) throws Exception {
        return new SchemaVersion(key, MessageKind.EVENT, claimed, JSON.readTree(schema), Instant.EPOCH, ORIGIN);
    }

    @Test
    void aRepeatOfTheLatestIsDroppedAndTheStreamOrderNumbersTheRest() throws Exception {
        SchemaHistory history = SchemaHistory.of(List.of(
                record("a.b.done", 1, "{\"type\":\"object\"}"),
                // a second apply of the same file at the same time, reformatted
                record("a.b.done", 1, "{ \"type\" : \"object\", \"description\": \"x\" }"),
                record("a.b.done", 2, "{\"type\":\"object\",\"required\":[\"id\"]}"),
                // two writers both thought they wrote version 2: the later is version 3
                record("a.b.done", 2, "{\"type\":\"object\"}"),
                record("c.d.done", 1, "{\"type\":\"string\"}")));

        assertEquals(List.of(1, 2, 3), history.versions("a.b.done").stream().map(SchemaVersion::version).toList());
        assertEquals(List.of("a.b.done", "c.d.done"), history.keys());
        JsonNode first = JSON.readTree("{\"type\":\"object\"}");
        assertEquals(3, history.versionOf("a.b.done", first).orElseThrow().version(), "the newest version with that schema");
        assertTrue(history.version("a.b.done", 4).isEmpty());
        assertTrue(history.versions("x.y.done").isEmpty());
    }

    @Test
    void aRecordRoundTripsAndAForeignOneIsSkipped() throws Exception {
        SchemaVersion v = record("a.b.done", 1, "{\"type\":\"object\"}");
        assertEquals(v, VersionRecords.decode(VersionRecords.encode(v)).orElseThrow());
        assertTrue(VersionRecords.decode("not json".getBytes()).isEmpty());
        assertTrue(VersionRecords.decode("{\"formatVersion\": 9}".getBytes()).isEmpty());
    }
}
