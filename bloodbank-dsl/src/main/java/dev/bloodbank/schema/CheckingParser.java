package dev.bloodbank.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;

/**
 * A parser that checks the payload read through it against its schema token by token, so that a
 * record can be bound from the bytes and checked in the same pass ({@link MessageSchema#checking(JsonParser)}).
 * Each scalar is the node the codec's tree reading would make of it (ints, longs and big integers
 * by size, every fraction a double), so the verdict is the tree check's. Every way of moving on
 * ({@code nextFieldName}, {@code nextTextValue}, {@code skipChildren} …) comes down to
 * {@link #nextToken}, so nothing goes past the walk, not even what a binding skips.
 */
public final class CheckingParser extends JsonParserDelegate {

    private final Walk walk;

    /** A parser already at the value's first token (a payload within an envelope) counts that token too. */
    CheckingParser(JsonParser real, Walk walk) throws IOException {
        super(real);
        this.walk = walk;
        if (real.currentToken() != null) observe(real.currentToken());
    }

    /** Whether one whole value was read and it meets the schema. */
    public boolean accepted() {
        return walk.accepted();
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t = delegate.nextToken();
        if (t != null) observe(t);
        return t;
    }

    private void observe(JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> walk.startObject();
            case END_OBJECT -> walk.endObject();
            case START_ARRAY -> walk.startArray();
            case END_ARRAY -> walk.endArray();
            case FIELD_NAME -> walk.fieldName(delegate.currentName());
            case VALUE_STRING -> walk.scalar(TextNode.valueOf(delegate.getText()));
            case VALUE_NUMBER_INT -> walk.scalar(integer());
            case VALUE_NUMBER_FLOAT -> walk.scalar(DoubleNode.valueOf(delegate.getDoubleValue()));
            case VALUE_TRUE -> walk.scalar(BooleanNode.TRUE);
            case VALUE_FALSE -> walk.scalar(BooleanNode.FALSE);
            case VALUE_NULL -> walk.scalar(NullNode.getInstance());
            default -> walk.giveUp(); // an embedded object or a placeholder: not JSON text
        }
    }

    private JsonNode integer() throws IOException {
        return switch (delegate.getNumberType()) {
            case INT -> IntNode.valueOf(delegate.getIntValue());
            case LONG -> LongNode.valueOf(delegate.getLongValue());
            default -> BigIntegerNode.valueOf(delegate.getBigIntegerValue());
        };
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    /** Skipped members still go through the walk: an unknown property must meet its schema too. */
    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken current = currentToken();
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) return this;
        int open = 1;
        while (open > 0) {
            JsonToken t = nextToken();
            if (t == null) return this;
            if (t.isStructStart()) open++;
            else if (t.isStructEnd()) open--;
        }
        return this;
    }
}
