package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Walks a Jackson tree into the org.json values that everit validates. Walking the tree we already
 * have is several times cheaper than writing it out as text and parsing it again with org.json.
 * Public so that the validator benchmarks feed everit the conversion Bloodbank really does.
 */
public final class JsonTrees {

    private JsonTrees() {}

    /**
     * A JSONObject whose map is sized for its fields up front: the public constructor starts at
     * sixteen buckets and grows, and this conversion runs for every payload validated. The
     * capacity leaves room under HashMap's 0.75 load factor, so no object ever rehashes.
     */
    private static final class SizedObject extends JSONObject {
        SizedObject(int fields) {
            super(fields * 4 / 3 + 1);
        }
    }

    public static Object toOrgJson(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                JSONObject object = new SizedObject(node.size());
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    object.put(field.getKey(), toOrgJson(field.getValue()));
                }
                return object;
            }
            case ARRAY: {
                JSONArray array = new JSONArray(node.size());
                for (JsonNode element : node) array.put(toOrgJson(element));
                return array;
            }
            case STRING:
                return node.textValue();
            case NUMBER:
                return node.numberValue();
            case BOOLEAN:
                return node.booleanValue();
            case NULL:
            case MISSING:
                return JSONObject.NULL;
            case BINARY:
            case POJO:
            default:
                return node.asText();
        }
    }
}
