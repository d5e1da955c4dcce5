package io.pipeline.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a consumer written against an old schema would trip over in a new one: a field that is gone, or whose
 * type or format changed. Added fields are not breaks (consumers ignore what they do not know).
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    static List<String> breaks(String typeName, JsonNode published, JsonNode current) {
        List<String> breaks = new ArrayList<>();
        if (current == null) {
            breaks.add(typeName + ": the event type is gone (renamed or removed)");
            return breaks;
        }
        compare(typeName, resolve(published, published), published, resolve(current, current), current, breaks);
        return breaks;
    }

    private static void compare(String path, JsonNode old, JsonNode oldRoot, JsonNode now, JsonNode nowRoot,
                                List<String> breaks) {
        if (!Objects.equals(text(old, "type"), text(now, "type")) || !Objects.equals(text(old, "format"), text(now, "format"))) {
            breaks.add(path + ": was " + describe(old) + ", now " + describe(now));
            return;
        }
        JsonNode oldProperties = old.get("properties");
        if (oldProperties == null) {
            return;
        }
        JsonNode nowProperties = now.get("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = oldProperties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode counterpart = nowProperties == null ? null : nowProperties.get(field.getKey());
            String fieldPath = path + "." + field.getKey();
            if (counterpart == null) {
                breaks.add(fieldPath + ": removed");
            } else {
                compare(fieldPath, resolve(field.getValue(), oldRoot), oldRoot, resolve(counterpart, nowRoot), nowRoot,
                        breaks);
            }
        }
    }

    /** Follows a local {@code $ref} into the schema's {@code $defs}. */
    private static JsonNode resolve(JsonNode node, JsonNode root) {
        JsonNode ref = node.get("$ref");
        if (ref == null || !ref.asText().startsWith("#/")) {
            return node;
        }
        JsonNode target = root.at(ref.asText().substring(1));
        return target.isMissingNode() ? node : resolve(target, root);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : value.toString();
    }

    private static String describe(JsonNode node) {
        return "type " + text(node, "type") + (node.has("format") ? " format " + text(node, "format") : "");
    }
}
