package dev.bloodbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;

/** A Jackson tree copied into org.json, for everit, the way Bloodbank's schema package does it. */
final class OrgJson {

    private OrgJson() {}

    /** org.json's sized constructor is protected: reachable through a subclass only. */
    private static final class SizedObject extends JSONObject {
        SizedObject(int fields) {
            super(fields * 4 / 3 + 1);
        }
    }

    static Object copy(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                JSONObject object = new SizedObject(node.size());
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    object.put(field.getKey(), copy(field.getValue()));
                }
                return object;
            }
            case ARRAY: {
                JSONArray array = new JSONArray(node.size());
                for (JsonNode element : node) array.put(copy(element));
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
            default:
                return node.asText();
        }
    }
}
