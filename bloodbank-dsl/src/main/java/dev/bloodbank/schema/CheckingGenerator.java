package dev.bloodbank.schema;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A generator that writes a payload through to the real one and checks it against its schema on
 * the way ({@link MessageSchema#checking}), so that a record goes to bytes in one pass with no
 * tree. Each scalar is the node a tree of the same value would hold, so the verdict is the tree
 * check's. What a plain tree would not hold as written (raw JSON, binary, decimals, numbers as
 * text) is still written, but leaves the payload unaccepted: the caller then takes the tree path,
 * which judges it exactly and says what is wrong.
 */
public final class CheckingGenerator extends JsonGeneratorDelegate {

    private final Walk walk;

    CheckingGenerator(JsonGenerator real, Walk walk) {
        // false: writeObject, writeTree and the copy methods come back through this generator
        super(real, false);
        this.walk = walk;
    }

    /** Whether one whole value was written and it meets the schema. */
    public boolean accepted() {
        return walk.accepted();
    }

    // ------------------------------------------------------------ structure

    @Override
    public void writeStartObject() throws IOException {
        walk.startObject();
        delegate.writeStartObject();
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        walk.startObject();
        delegate.writeStartObject(forValue);
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        walk.startObject();
        delegate.writeStartObject(forValue, size);
    }

    @Override
    public void writeEndObject() throws IOException {
        walk.endObject();
        delegate.writeEndObject();
    }

    @Override
    public void writeStartArray() throws IOException {
        walk.startArray();
        delegate.writeStartArray();
    }

    @Override
    public void writeStartArray(int size) throws IOException {
        walk.startArray();
        delegate.writeStartArray(size);
    }

    @Override
    public void writeStartArray(Object forValue) throws IOException {
        walk.startArray();
        delegate.writeStartArray(forValue);
    }

    @Override
    public void writeStartArray(Object forValue, int size) throws IOException {
        walk.startArray();
        delegate.writeStartArray(forValue, size);
    }

    @Override
    public void writeEndArray() throws IOException {
        walk.endArray();
        delegate.writeEndArray();
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        walk.fieldName(name);
        delegate.writeFieldName(name);
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        walk.fieldName(name.getValue());
        delegate.writeFieldName(name);
    }

    @Override
    public void writeFieldId(long id) throws IOException {
        walk.fieldName(Long.toString(id));
        delegate.writeFieldId(id);
    }

    // The delegate would pass these arrays on whole, past the walk: written element by element instead.

    @Override
    public void writeArray(int[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeNumber(array[i]);
        writeEndArray();
    }

    @Override
    public void writeArray(long[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeNumber(array[i]);
        writeEndArray();
    }

    @Override
    public void writeArray(double[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeNumber(array[i]);
        writeEndArray();
    }

    @Override
    public void writeArray(String[] array, int offset, int length) throws IOException {
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) writeString(array[i]);
        writeEndArray();
    }

    // ------------------------------------------------------------ scalars

    @Override
    public void writeString(String text) throws IOException {
        walk.scalar(text == null ? NullNode.getInstance() : TextNode.valueOf(text));
        delegate.writeString(text);
    }

    @Override
    public void writeString(char[] text, int offset, int length) throws IOException {
        walk.scalar(TextNode.valueOf(new String(text, offset, length)));
        delegate.writeString(text, offset, length);
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        walk.scalar(TextNode.valueOf(text.getValue()));
        delegate.writeString(text);
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        walk.scalar(TextNode.valueOf(new String(text, offset, length, StandardCharsets.UTF_8)));
        delegate.writeUTF8String(text, offset, length);
    }

    @Override
    public void writeNumber(short v) throws IOException {
        walk.scalar(IntNode.valueOf(v));
        delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(int v) throws IOException {
        walk.scalar(IntNode.valueOf(v));
        delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(long v) throws IOException {
        walk.scalar(LongNode.valueOf(v));
        delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        walk.scalar(v == null ? NullNode.getInstance() : BigIntegerNode.valueOf(v));
        delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(double v) throws IOException {
        walk.scalar(DoubleNode.valueOf(v));
        delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(float v) throws IOException {
        walk.scalar(FloatNode.valueOf(v));
        delegate.writeNumber(v);
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        walk.scalar(BooleanNode.valueOf(state));
        delegate.writeBoolean(state);
    }

    @Override
    public void writeNull() throws IOException {
        walk.scalar(NullNode.getInstance());
        delegate.writeNull();
    }

    // ------------------------------------------------------------ what the walk does not follow

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        walk.giveUp(); // a tree made from the record normalises decimals by the mapper's features
        delegate.writeNumber(v);
    }

    @Override
    public void writeNumber(String encoded) throws IOException {
        walk.giveUp(); // its type would depend on how a reader parses it
        delegate.writeNumber(encoded);
    }

    @Override
    public void writeNumber(char[] encoded, int offset, int length) throws IOException {
        walk.giveUp();
        delegate.writeNumber(encoded, offset, length);
    }

    @Override
    public void writeString(Reader reader, int length) throws IOException {
        walk.giveUp();
        delegate.writeString(reader, length);
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        walk.giveUp();
        delegate.writeRawUTF8String(text, offset, length);
    }

    @Override
    public void writeRaw(String text) throws IOException {
        walk.giveUp();
        delegate.writeRaw(text);
    }

    @Override
    public void writeRaw(String text, int offset, int length) throws IOException {
        walk.giveUp();
        delegate.writeRaw(text, offset, length);
    }

    @Override
    public void writeRaw(SerializableString text) throws IOException {
        walk.giveUp();
        delegate.writeRaw(text);
    }

    @Override
    public void writeRaw(char[] text, int offset, int length) throws IOException {
        walk.giveUp();
        delegate.writeRaw(text, offset, length);
    }

    @Override
    public void writeRaw(char c) throws IOException {
        walk.giveUp();
        delegate.writeRaw(c);
    }

    @Override
    public void writeRawValue(String text) throws IOException {
        walk.giveUp();
        delegate.writeRawValue(text);
    }

    @Override
    public void writeRawValue(String text, int offset, int length) throws IOException {
        walk.giveUp();
        delegate.writeRawValue(text, offset, length);
    }

    @Override
    public void writeRawValue(char[] text, int offset, int length) throws IOException {
        walk.giveUp();
        delegate.writeRawValue(text, offset, length);
    }

    @Override
    public void writeRawValue(SerializableString text) throws IOException {
        walk.giveUp();
        delegate.writeRawValue(text);
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int length) throws IOException {
        walk.giveUp();
        delegate.writeBinary(variant, data, offset, length);
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int length) throws IOException {
        walk.giveUp();
        return delegate.writeBinary(variant, data, length);
    }

    @Override
    public void writeEmbeddedObject(Object object) throws IOException {
        walk.giveUp();
        delegate.writeEmbeddedObject(object);
    }

    @Override
    public void writeObjectId(Object id) throws IOException {
        walk.giveUp();
        delegate.writeObjectId(id);
    }

    @Override
    public void writeObjectRef(Object id) throws IOException {
        walk.giveUp();
        delegate.writeObjectRef(id);
    }

    @Override
    public void writeTypeId(Object id) throws IOException {
        walk.giveUp();
        delegate.writeTypeId(id);
    }
}
