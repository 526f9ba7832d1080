package io.theeye.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Text PostgreSQL can store: its {@code text} and {@code jsonb} types cannot hold the NUL character. */
public final class StoredText {

    private static final char NUL = '\u0000';

    private StoredText() {}

    /** True when the text holds no NUL. */
    public static boolean storable(String text) {
        return text.indexOf(NUL) < 0;
    }

    /** True when no string and no field name anywhere in the JSON holds a NUL, so jsonb can take it. */
    public static boolean storable(JsonNode json) {
        if (json.isTextual()) {
            return storable(json.textValue());
        }
        if (json.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!storable(field.getKey()) || !storable(field.getValue())) {
                    return false;
                }
            }
        }
        if (json.isArray()) {
            for (JsonNode item : json) {
                if (!storable(item)) {
                    return false;
                }
            }
        }
        return true;
    }
}
