package io.theeye.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a new schema version could refuse data the current version accepts. The rule:
 * a new version is compatible when every event valid under the current one stays valid. It is
 * checked keyword by keyword, recursively through {@code properties}, {@code additionalProperties}
 * and {@code items}:
 *
 * <ul>
 *   <li>{@code required_added}: a property becomes required;
 *   <li>{@code property_removed}: a declared property disappears (analysts lose it, and a closed
 *       object would refuse it);
 *   <li>{@code type_changed}: a type is no longer allowed (integer to number is a widening);
 *   <li>{@code enum_narrowed}: an enum or const value is no longer allowed, or one is introduced;
 *   <li>{@code additional_properties_restricted}: undeclared properties become refused;
 *   <li>{@code constraint_tightened}: a minimum rises, a maximum falls, or a pattern, format,
 *       multipleOf or uniqueItems is added or changed;
 *   <li>{@code unverifiable_change}: a composition or reference keyword ($ref, allOf, anyOf,
 *       oneOf, not, if/then/else, patternProperties, ...) is added or changed, which cannot be
 *       proven safe here.
 * </ul>
 *
 * Loosening is always compatible, and so is adding an optional property (events are assumed not
 * to carry undeclared properties that contradict it).
 */
public final class SchemaCompatibility {

    private static final List<String> LOWER_BOUNDS =
            List.of("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties", "minContains");
    private static final List<String> UPPER_BOUNDS =
            List.of("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties", "maxContains");
    private static final List<String> EXACT = List.of("pattern", "format", "multipleOf");
    private static final List<String> UNVERIFIABLE = List.of(
            "$ref",
            "$dynamicRef",
            "$defs",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
            "patternProperties",
            "propertyNames",
            "dependentRequired",
            "dependentSchemas",
            "unevaluatedProperties",
            "unevaluatedItems",
            "prefixItems",
            "contains");

    private SchemaCompatibility() {}

    /** Every reason the proposed version could refuse data the current version accepts; empty when none. */
    public static List<Incompatibility> breakingChanges(JsonNode current, JsonNode proposed) {
        List<Incompatibility> found = new ArrayList<>();
        compare(current, proposed, "", found);
        return found;
    }

    private static void compare(JsonNode old, JsonNode proposed, String path, List<Incompatibility> found) {
        if (isFalse(old)) {
            return;
        }
        if (isFalse(proposed)) {
            found.add(new Incompatibility(
                    "constraint_tightened", path, "the schema became false: every value here is refused"));
            return;
        }
        if (!proposed.isObject()) {
            return;
        }
        // A true schema accepts anything, like an empty one.
        old = old.isBoolean() ? JsonNodeFactory.instance.objectNode() : old;
        if (!old.isObject()) {
            return;
        }
        compareTypes(old, proposed, path, found);
        compareValues(old, proposed, path, found);
        compareBounds(old, proposed, path, found);
        compareRequired(old, proposed, path, found);
        compareProperties(old, proposed, path, found);
        JsonNode items = proposed.get("items");
        if (items != null) {
            compare(orTrue(old.get("items")), items, path + "/items", found);
        }
        for (String keyword : UNVERIFIABLE) {
            JsonNode now = proposed.get(keyword);
            if (now != null && !now.equals(old.get(keyword))) {
                found.add(new Incompatibility(
                        "unverifiable_change",
                        path + "/" + escape(keyword),
                        "'" + keyword + "' was added or changed; its effect on existing events cannot be checked"));
            }
        }
    }

    private static void compareTypes(JsonNode old, JsonNode proposed, String path, List<Incompatibility> found) {
        Set<String> now = types(proposed.get("type"));
        if (now == null) {
            return;
        }
        Set<String> before = types(old.get("type"));
        if (before == null) {
            found.add(new Incompatibility(
                    "type_changed", path + "/type", "any type was allowed, now only " + String.join(", ", now)));
            return;
        }
        Set<String> lost = new LinkedHashSet<>();
        for (String type : before) {
            boolean kept = now.contains(type) || ("integer".equals(type) && now.contains("number"));
            if (!kept) {
                lost.add(type);
            }
        }
        if (!lost.isEmpty()) {
            found.add(new Incompatibility(
                    "type_changed",
                    path + "/type",
                    "type was " + String.join(", ", before) + ", now " + String.join(", ", now) + ": "
                            + String.join(", ", lost) + " values would be refused"));
        }
    }

    private static void compareValues(JsonNode old, JsonNode proposed, String path, List<Incompatibility> found) {
        Set<JsonNode> now = allowedValues(proposed);
        if (now == null) {
            return;
        }
        String keyword = proposed.has("enum") ? "enum" : "const";
        Set<JsonNode> before = allowedValues(old);
        if (before == null) {
            found.add(new Incompatibility(
                    "enum_narrowed", path + "/" + keyword, "values are now limited to " + now.size() + " allowed"));
            return;
        }
        List<String> lost = before.stream()
                .filter(value -> !now.contains(value))
                .map(JsonNode::toString)
                .toList();
        if (!lost.isEmpty()) {
            found.add(new Incompatibility(
                    "enum_narrowed",
                    path + "/" + keyword,
                    "no longer allows " + String.join(", ", lost) + ": events with them would be refused"));
        }
    }

    private static void compareBounds(JsonNode old, JsonNode proposed, String path, List<Incompatibility> found) {
        for (String keyword : LOWER_BOUNDS) {
            JsonNode now = proposed.get(keyword);
            JsonNode before = old.get(keyword);
            if (now != null
                    && now.isNumber()
                    && (before == null
                            || !before.isNumber()
                            || now.decimalValue().compareTo(before.decimalValue()) > 0)) {
                found.add(tightened(path, keyword, before, now));
            }
        }
        for (String keyword : UPPER_BOUNDS) {
            JsonNode now = proposed.get(keyword);
            JsonNode before = old.get(keyword);
            if (now != null
                    && now.isNumber()
                    && (before == null
                            || !before.isNumber()
                            || now.decimalValue().compareTo(before.decimalValue()) < 0)) {
                found.add(tightened(path, keyword, before, now));
            }
        }
        for (String keyword : EXACT) {
            JsonNode now = proposed.get(keyword);
            if (now != null && !now.equals(old.get(keyword))) {
                found.add(tightened(path, keyword, old.get(keyword), now));
            }
        }
        if (proposed.path("uniqueItems").asBoolean(false)
                && !old.path("uniqueItems").asBoolean(false)) {
            found.add(tightened(path, "uniqueItems", old.get("uniqueItems"), proposed.get("uniqueItems")));
        }
    }

    private static Incompatibility tightened(String path, String keyword, JsonNode before, JsonNode now) {
        return new Incompatibility(
                "constraint_tightened",
                path + "/" + keyword,
                "'" + keyword + "' "
                        + (before == null ? "was added (" + now + ")" : "changed from " + before + " to " + now)
                        + ": values that met the old rule could be refused");
    }

    private static void compareRequired(JsonNode old, JsonNode proposed, String path, List<Incompatibility> found) {
        Set<String> before = strings(old.get("required"));
        for (String property : strings(proposed.get("required"))) {
            if (!before.contains(property)) {
                found.add(new Incompatibility(
                        "required_added",
                        path + "/required",
                        "property '" + property + "' is now required: events without it would be refused"));
            }
        }
    }

    private static void compareProperties(JsonNode old, JsonNode proposed, String path, List<Incompatibility> found) {
        JsonNode before = old.path("properties");
        JsonNode now = proposed.path("properties");
        before.fieldNames().forEachRemaining(property -> {
            String at = path + "/properties/" + escape(property);
            if (!now.has(property)) {
                found.add(new Incompatibility(
                        "property_removed",
                        at,
                        "property '" + property + "' was removed: analysts lose it from the contract"
                                + (isFalse(proposed.get("additionalProperties"))
                                        ? ", and events carrying it would be refused"
                                        : "")));
            } else {
                compare(before.get(property), now.get(property), at, found);
            }
        });
        JsonNode additional = proposed.get("additionalProperties");
        if (additional == null || additional.equals(old.get("additionalProperties"))) {
            return;
        }
        if (isFalse(additional) && !isFalse(old.get("additionalProperties"))) {
            found.add(new Incompatibility(
                    "additional_properties_restricted",
                    path + "/additionalProperties",
                    "additionalProperties became false: events with undeclared properties would be refused"));
        } else {
            compare(orTrue(old.get("additionalProperties")), additional, path + "/additionalProperties", found);
        }
    }

    /** The allowed types, or null when any type is allowed. */
    private static Set<String> types(JsonNode type) {
        if (type == null) {
            return null;
        }
        Set<String> types = new LinkedHashSet<>();
        if (type.isTextual()) {
            types.add(type.textValue());
        } else {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    /** The enum or const values, or null when any value is allowed. */
    private static Set<JsonNode> allowedValues(JsonNode schema) {
        Set<JsonNode> values = null;
        if (schema.has("enum")) {
            values = new LinkedHashSet<>();
            schema.get("enum").forEach(values::add);
        }
        if (schema.has("const")) {
            Set<JsonNode> constant = new LinkedHashSet<>(Set.of(schema.get("const")));
            if (values != null) {
                values.retainAll(constant);
            } else {
                values = constant;
            }
        }
        return values;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static boolean isFalse(JsonNode schema) {
        return schema != null && schema.isBoolean() && !schema.booleanValue();
    }

    private static JsonNode orTrue(JsonNode schema) {
        return schema == null ? BooleanNode.TRUE : schema;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
