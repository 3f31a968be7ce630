package dev.bloodbank.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bloodbank.dsl.MessageType;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.topology.LargeTopologyTest;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("every example of a topology round-trips through its generated record")
class RoundTripTest {

    private static final String PACKAGE = "com.example.bus";

    /** The wire format of the DSL (snake_case naming), and a plain mapper: the records carry their own names. */
    private static final List<ObjectMapper> MAPPERS = List.of(
            EnvelopeCodec.standard().newMapper(),
            new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    @TempDir
    static Path dir;

    static Stream<Arguments> topologies() throws Exception {
        return Stream.of(
                Arguments.of("the sample topology", Path.of("../topology.yaml")),
                Arguments.of("the benchmark topology", Path.of("../bloodbank-bench/src/main/resources/bench/topology.yaml")),
                Arguments.of("the loader's valid fixture", Path.of("../bloodbank-dsl/src/test/resources/topologies/valid/topology.yaml")),
                Arguments.of("the pydantic fixture", Path.of("../bloodbank-dsl/src/test/resources/topologies/pydantic/topology.yaml")),
                Arguments.of("the large generated topology", Files.writeString(Files.createDirectories(dir.resolve("large")).resolve("topology.yaml"), LargeTopologyTest.generate())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topologies")
    void everyExampleRoundTrips(String name, Path file) throws Exception {
        Topology topology = Topology.load(file);
        long start = System.nanoTime();
        GeneratedSources sources = CodeGenerator.forPackage(PACKAGE).generate(topology);
        long generated = System.nanoTime();
        CompiledSources compiled = CompiledSources.compile(sources, PACKAGE, Files.createTempDirectory(dir, "compiled"));
        long compiledAt = System.nanoTime();
        Map<String, MessageType<?>> types = compiled.messageTypes();

        assertEquals(topology.messages().size(), types.size(), "one constant per key");
        int examples = 0;
        int records = 0;
        for (MessageDefinition message : topology.messages()) {
            MessageType<?> type = types.get(message.key());
            assertEquals(message.kind(), type.kind(), message.key());
            if (type.payloadType().isRecord()) records++;
            for (JsonNode example : message.examples()) {
                for (ObjectMapper mapper : MAPPERS) {
                    Object value = mapper.treeToValue(example, type.payloadType());
                    JsonNode written = mapper.valueToTree(value);
                    assertTrue(JsonComparison.same(example, written),
                            () -> message.key() + ": " + example + " came back as " + written);
                }
                examples++;
            }
        }
        System.out.printf("%s: %d keys, %d records, %d examples round-tripped, %d files (generated in %d ms, compiled in %d ms)%n",
                name, types.size(), records, examples, sources.files().size(),
                (generated - start) / 1_000_000, (compiledAt - generated) / 1_000_000);
        // the benchmark topology declares no example: for it, the check is that its sources compile and load
        assertEquals(topology.messages().stream().mapToInt(m -> m.examples().size()).sum(), examples);
    }
}
