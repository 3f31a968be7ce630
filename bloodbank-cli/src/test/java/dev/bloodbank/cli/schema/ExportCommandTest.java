package dev.bloodbank.cli.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void jsonschemaWritesOneFilePerKey() throws IOException {
        Path out = dir.resolve("schemas");

        Cli.Result result = Cli.run("export", "jsonschema", "-f", Cli.sampleTopology().toString(), "--out", out.toString());

        assertEquals(0, result.exitCode(), result::toString);
        List<String> written;
        try (Stream<Path> files = Files.list(out)) {
            written = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(51, written.size(), written::toString);
        assertEquals(51, result.out().lines().count());
        JsonNode uploaded = JSON.readTree(out.resolve("fireflies.transcript.uploaded.json").toFile());
        assertEquals("urn:bloodbank:event:fireflies.transcript.uploaded", uploaded.get("$id").asText());
        assertEquals("http://json-schema.org/draft-07/schema#", uploaded.get("$schema").asText());
    }

    @Test
    void jsonschemaRefusesAFileAsTheDirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");

        Cli.Result result = Cli.run("export", "jsonschema", "-f", Cli.sampleTopology().toString(), "--out", file.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: --out " + file + " is a file, not a directory\n  hint: name a directory (it is created when missing)\n",
                result.err());
    }

    @Test
    void asyncapiGoesToStdoutOrAFile() throws IOException {
        Cli.Result toStdout = Cli.run("export", "asyncapi", "-f", Cli.sampleTopology().toString());
        assertEquals(0, toStdout.exitCode(), toStdout::toString);
        JsonNode document = JSON.readTree(toStdout.out());
        assertEquals("3.0.0", document.get("asyncapi").asText());

        Path file = dir.resolve("asyncapi.json");
        Cli.Result toFile = Cli.run("export", "asyncapi", "-f", Cli.sampleTopology().toString(), "-o", file.toString(), "--vhost", "prod");
        assertEquals(0, toFile.exitCode(), toFile::toString);
        assertEquals(file + "\n", toFile.out());
        JsonNode written = JSON.readTree(file.toFile());
        assertEquals("prod", written.at("/channels/fireflies.transcript.uploaded/bindings/amqp/exchange/vhost").asText());
        assertTrue(written.path("operations").has("transcript-processor.receive"), written.path("operations").toString());
    }

    @Test
    void exportAloneIsAUsageError() {
        Cli.Result result = Cli.run("export");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank export: a subcommand is required (jsonschema or asyncapi)"), result.err());
    }
}
