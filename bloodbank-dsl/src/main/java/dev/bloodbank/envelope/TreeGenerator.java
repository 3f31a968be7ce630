package dev.bloodbank.envelope;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A generator that builds a Jackson tree instead of writing text: a record's own serializers
 * write into it, so a payload becomes a tree in one pass. {@code ObjectMapper.valueToTree} takes
 * two (the serializers write a token buffer, then the tree is read from it), about a third of a
 * publish's CPU. The nodes are those {@code valueToTree} gives with the codec's mapper
 * ({@code TreeGeneratorTest} compares them); what has no plain node (raw JSON, embedded objects,
 * binary streams) or one the tree reader would normalise (decimals) throws {@link Unsupported},
 * and the caller goes the usual way instead.
 */
final class TreeGenerator extends GeneratorBase {

    private final JsonNodeFactory nodes;
    /** The containers being written, innermost last. */
    private JsonNode[] open = new JsonNode[8];
    private int depth;
    private String name;
    private JsonNode root;

    TreeGenerator(ObjectCodec codec, JsonNodeFactory nodes) {
        super(JsonGenerator.Feature.collectDefaults(), codec);
        this.nodes = nodes;
    }

    /** The tree written, once the value is complete. */
    JsonNode root() {
        if (root == null || depth != 0) throw new IllegalStateException("no complete value was written");
        return root;
    }

    /** Something a plain tree cannot hold as {@code valueToTree} would; the caller falls back to it. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private void add(JsonNode node) {
        if (depth == 0) {
            root = node;
        } else if (open[depth - 1] instanceof ObjectNode object) {
            object.set(name, node);
        } else {
            ((ArrayNode) open[depth - 1]).add(node);
        }
    }

    private void push(JsonNode container) {
        add(container);
        if (depth == open.length) open = Arrays.copyOf(open, depth * 2);
        open[depth++] = container;
    }

    @Override
    public void writeStartArray() throws IOException {
        _verifyValueWrite("start an array");
        _writeContext = _writeContext.createChildArrayContext();
        push(nodes.arrayNode());
    }

    @Override
    public void writeEndArray() {
        _writeContext = _writeContext.clearAndGetParent();
        depth--;
    }

    @Override
    public void writeStartObject() throws IOException {
        _verifyValueWrite("start an object");
        _writeContext = _writeContext.createChildObjectContext();
        push(nodes.objectNode());
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        writeStartObject();
        _writeContext.setCurrentValue(forValue);
    }

    @Override
    public void writeEndObject() {
        _writeContext = _writeContext.clearAndGetParent();
        depth--;
    }

    @Override
    public void writeFieldName(String fieldName) throws IOException {
        if (_writeContext.writeFieldName(fieldName) == JsonWriteContext.STATUS_EXPECT_VALUE)
            _reportError("Can not write a field name, expecting a value");
        name = fieldName;
    }

    @Override
    public void writeFieldName(SerializableString fieldName) throws IOException {
        writeFieldName(fieldName.getValue());
    }

    @Override
    public void writeString(String text) throws IOException {
        if (text == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write a string");
        add(nodes.textNode(text));
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
        writeString(new String(text, offset, len));
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) {
        throw new Unsupported("raw UTF-8 string");
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeRaw(String text) {
        throw new Unsupported("raw JSON");
    }

    @Override
    public void writeRaw(String text, int offset, int len) {
        throw new Unsupported("raw JSON");
    }

    @Override
    public void writeRaw(char[] text, int offset, int len) {
        throw new Unsupported("raw JSON");
    }

    @Override
    public void writeRaw(char c) {
        throw new Unsupported("raw JSON");
    }

    @Override
    public void writeRawValue(String text) {
        throw new Unsupported("raw JSON");
    }

    @Override
    public void writeRawValue(String text, int offset, int len) {
        throw new Unsupported("raw JSON");
    }

    @Override
    public void writeRawValue(char[] text, int offset, int len) {
        throw new Unsupported("raw JSON");
    }

    @Override
    public void writeRawValue(SerializableString text) {
        throw new Unsupported("raw JSON");
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
        _verifyValueWrite("write binary value");
        add(nodes.binaryNode(Arrays.copyOfRange(data, offset, offset + len)));
    }

    @Override
    public int writeBinary(Base64Variant variant, java.io.InputStream data, int dataLength) {
        throw new Unsupported("binary stream");
    }

    @Override
    public void writeEmbeddedObject(Object object) {
        throw new Unsupported("embedded object");
    }

    @Override
    public void writeNumber(int v) throws IOException {
        _verifyValueWrite("write a number");
        add(nodes.numberNode(v));
    }

    @Override
    public void writeNumber(long v) throws IOException {
        _verifyValueWrite("write a number");
        add(nodes.numberNode(v));
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        if (v == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write a number");
        add(nodes.numberNode(v));
    }

    @Override
    public void writeNumber(double v) throws IOException {
        _verifyValueWrite("write a number");
        add(nodes.numberNode(v));
    }

    @Override
    public void writeNumber(float v) throws IOException {
        _verifyValueWrite("write a number");
        add(nodes.numberNode(v));
    }

    @Override
    public void writeNumber(BigDecimal v) {
        // the tree reader normalises decimals by its own features (1.10 becomes 1.1; a Duration is one)
        throw new Unsupported("decimal");
    }

    @Override
    public void writeNumber(String encodedValue) {
        throw new Unsupported("number as text"); // its node type depends on how the reader would parse it
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        _verifyValueWrite("write a boolean value");
        add(nodes.booleanNode(state));
    }

    @Override
    public void writeNull() throws IOException {
        _verifyValueWrite("write a null");
        add(nodes.nullNode());
    }

    @Override
    public void flush() {}

    @Override
    protected void _releaseBuffers() {}

    @Override
    protected void _verifyValueWrite(String typeMsg) throws IOException {
        if (_writeContext.writeValue() == JsonWriteContext.STATUS_EXPECT_NAME)
            _reportError("Can not " + typeMsg + ", expecting a field name");
    }
}
