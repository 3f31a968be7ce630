package dev.bloodbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.dsl.Payloads;
import dev.bloodbank.engine.OutgoingMessages;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.EnvelopeDecodingException;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.schema.CheckingParser;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.schema.SchemaViolation;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-message work Bloodbank adds, for the ~1 KB benchmark payload, each step beside what
 * plain Jackson does with the same JSON in the same run:
 *
 * <ul>
 *   <li>{@code encodeEnvelope} vs {@code jacksonWriteEnvelope}: the envelope to bytes, vs
 *       {@code ObjectMapper.writeValueAsBytes} of the same JSON as a tree;
 *   <li>{@code decodeEnvelope} vs {@code jacksonReadEnvelope}: bytes to an envelope, vs
 *       {@code ObjectMapper.readTree} of the same bytes;
 *   <li>{@code validatePayload} vs {@code jacksonReadPayload}: checking the payload against its
 *       JSON Schema, vs parsing the payload's JSON;
 *   <li>{@code publishPath} and {@code consumePath}: everything a publish (record to validated
 *       envelope to bytes, checked on the way) and a delivery (bytes to envelope to record, checked
 *       on the way) cost ({@code publishPathViaTree} and {@code consumePathViaTree}: the same through
 *       a tree, as a payload given or taken as a tree still goes), vs
 *       {@code jacksonRecordToBytes} and {@code jacksonBytesToRecord}, what a plain client that
 *       maps records with Jackson would do.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {

    private final EnvelopeCodec codec = EnvelopeCodec.standard();
    private final ObjectMapper jackson = new ObjectMapper();
    private final Payloads payloads = Payloads.defaults();
    private final Source source = Source.service("bench-publisher");

    private Topology topology;
    private MessageSchema schema;
    private TranscriptCompleted record;
    private JsonNode payload;
    private byte[] payloadBytes;
    private Envelope envelope;
    private byte[] envelopeBytes;
    private JsonNode envelopeTree;
    private com.fasterxml.jackson.databind.ObjectReader recordReader;
    private com.fasterxml.jackson.databind.ObjectWriter recordWriter;

    @Setup
    public void setUp() throws IOException {
        topology = BenchTopology.load();
        schema = topology.message(BenchTopology.KEY).orElseThrow().schema();
        record = TranscriptCompleted.sample(123_456_789L);
        payload = payloads.tree(record);
        payloadBytes = jackson.writeValueAsBytes(payload);
        envelope = OutgoingMessages.envelope(topology, BenchTopology.KEY, payload, source, List.of());
        envelopeBytes = codec.encode(envelope);
        envelopeTree = jackson.readTree(envelopeBytes);
        ObjectMapper snake = jackson.copy()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
        recordReader = snake.readerFor(TranscriptCompleted.class);
        recordWriter = snake.writerFor(TranscriptCompleted.class);
        if (!schema.validate(payload).isEmpty()) throw new IllegalStateException("the sample payload breaks its schema");
    }

    @Benchmark
    public byte[] encodeEnvelope() {
        return codec.encode(envelope);
    }

    @Benchmark
    public byte[] jacksonWriteEnvelope() throws IOException {
        return jackson.writeValueAsBytes(envelopeTree);
    }

    @Benchmark
    public Envelope decodeEnvelope() throws EnvelopeDecodingException {
        return codec.decode(envelopeBytes);
    }

    @Benchmark
    public JsonNode jacksonReadEnvelope() throws IOException {
        return jackson.readTree(envelopeBytes);
    }

    @Benchmark
    public List<SchemaViolation> validatePayload() {
        return schema.validate(payload);
    }

    @Benchmark
    public JsonNode jacksonReadPayload() throws IOException {
        return jackson.readTree(payloadBytes);
    }

    @Benchmark
    public byte[] publishPath() {
        return codec.encode(OutgoingMessages.envelope(topology, BenchTopology.KEY, record, source, List.of()));
    }

    /** The way a publish went before the token check, and the way a payload given as a tree still goes. */
    @Benchmark
    public byte[] publishPathViaTree() {
        return codec.encode(OutgoingMessages.envelope(topology, BenchTopology.KEY, payloads.tree(record), source, List.of()));
    }

    @Benchmark
    public byte[] jacksonRecordToBytes() throws IOException {
        return recordWriter.writeValueAsBytes(record);
    }

    /**
     * What the runtime does for a handler of a record: the envelope read, and the payload bound from
     * the same parse and checked against its schema on the way.
     */
    @Benchmark
    public TranscriptCompleted consumePath() throws EnvelopeDecodingException {
        EnvelopeCodec.Decoded decoded = codec.decode(envelopeBytes, (type, parser) -> {
            CheckingParser checking = schema.checking(parser);
            TranscriptCompleted record = recordReader.readValue(checking);
            return checking.accepted() ? record : null;
        });
        if (decoded.payload() == null) throw new IllegalStateException("invalid");
        return (TranscriptCompleted) decoded.payload();
    }

    /** The way a delivery went before the one pass, and the way a handler of a tree still goes: tree, validation, binding. */
    @Benchmark
    public TranscriptCompleted consumePathViaTree() throws EnvelopeDecodingException {
        Envelope e = codec.decode(envelopeBytes);
        if (!schema.validate(e.payload()).isEmpty()) throw new IllegalStateException("invalid");
        try {
            return recordReader.readValue(e.payload());
        } catch (IOException x) {
            throw new IllegalStateException(x);
        }
    }

    @Benchmark
    public TranscriptCompleted jacksonBytesToRecord() throws IOException {
        return recordReader.readValue(payloadBytes);
    }
}
