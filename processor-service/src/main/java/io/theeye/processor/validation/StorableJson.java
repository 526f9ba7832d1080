package io.theeye.processor.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.contract.ErrorCode;
import io.theeye.contract.EventError;
import io.theeye.contract.StorableText;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Whether PostgreSQL's {@code jsonb} can hold a JSON tree as it is, and where not. The limits are
 * ours and stricter than PostgreSQL's (131,072 digits before the point, 16,383 after; nesting far
 * deeper): jsonb writes numbers out in full, so {@code 1e131071} would become 131 KB, and every
 * reader of the stored event must be able to parse it again.
 */
public final class StorableJson {

    /** Levels of nesting an event may have, itself included. */
    public static final int MAX_DEPTH = 100;

    /** Digits a number may have before, and after, the decimal point once written out. */
    public static final int MAX_NUMBER_DIGITS = 1_000;

    /** Problems reported per event at most: a generated event may hold thousands. */
    static final int MAX_REPORTED = 10;

    private StorableJson() {}

    private record Visit(JsonNode node, String path, int depth) {}

    /** Every reason (up to {@value #MAX_REPORTED}) the tree cannot be stored as jsonb, with JSON Pointers. */
    public static List<EventError> problems(JsonNode root, String rootPath) {
        List<EventError> problems = new ArrayList<>();
        Deque<Visit> pending = new ArrayDeque<>();
        pending.push(new Visit(root, rootPath, 1));
        while (!pending.isEmpty() && problems.size() < MAX_REPORTED) {
            Visit visit = pending.pop();
            JsonNode node = visit.node();
            if (node.isContainerNode() && visit.depth() > MAX_DEPTH) {
                problems.add(invalid(visit.path(), "nesting deeper than " + MAX_DEPTH + " levels is not accepted"));
            } else if (node.isTextual()) {
                text(node.textValue(), visit.path(), "text", problems);
            } else if (node.isNumber()) {
                number(node, visit.path(), problems);
            } else if (node.isObject()) {
                List<Visit> children = new ArrayList<>(node.size());
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String child = visit.path() + "/" + pointerToken(field.getKey());
                    text(field.getKey(), child, "a key", problems);
                    children.add(new Visit(field.getValue(), child, visit.depth() + 1));
                }
                pushInOrder(pending, children);
            } else if (node.isArray()) {
                List<Visit> children = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    children.add(new Visit(node.get(i), visit.path() + "/" + i, visit.depth() + 1));
                }
                pushInOrder(pending, children);
            }
        }
        return problems.size() > MAX_REPORTED ? problems.subList(0, MAX_REPORTED) : problems;
    }

    /** True when the tree can be stored as jsonb as it is. */
    public static boolean isStorable(JsonNode root) {
        return problems(root, "").isEmpty();
    }

    /** JSON Pointer escaping of one reference token (RFC 6901). */
    public static String pointerToken(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static void pushInOrder(Deque<Visit> pending, List<Visit> children) {
        for (int i = children.size() - 1; i >= 0; i--) {
            pending.push(children.get(i));
        }
    }

    private static void text(String text, String path, String what, List<EventError> problems) {
        int at = StorableText.firstUnstorable(text);
        if (at >= 0) {
            problems.add(invalid(
                    path,
                    StorableText.describe(text, at) + " in " + what
                            + " cannot be stored (PostgreSQL refuses it); send it escaped or remove it"));
        }
    }

    private static void number(JsonNode node, String path, List<EventError> problems) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
            double value = node.doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                problems.add(invalid(path, "the number is out of range"));
            }
            return;
        }
        BigDecimal value = node.decimalValue();
        long before = (long) value.precision() - value.scale();
        if (before > MAX_NUMBER_DIGITS || value.scale() > MAX_NUMBER_DIGITS) {
            problems.add(invalid(
                    path,
                    "a number may have at most " + MAX_NUMBER_DIGITS
                            + " digits before and after the decimal point once written out"));
        }
    }

    private static EventError invalid(String path, String message) {
        return new EventError(ErrorCode.INVALID_FIELD, path, message);
    }
}
