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
 * reader of the stored event must be able to parse it again. It runs on every event, so a path is
 * only written out when there is a problem to report.
 */
public final class StorableJson {

    /** Levels of nesting an event may have, itself included. */
    public static final int MAX_DEPTH = 100;

    /** Digits a number may have before, and after, the decimal point once written out. */
    public static final int MAX_NUMBER_DIGITS = 1_000;

    /** Problems reported per event at most: a generated event may hold thousands. */
    static final int MAX_REPORTED = 10;

    private StorableJson() {}

    /** Every reason (up to {@value #MAX_REPORTED}) the tree cannot be stored as jsonb, with JSON Pointers. */
    public static List<EventError> problems(JsonNode root, String rootPath) {
        List<EventError> problems = new ArrayList<>(0);
        new Walk(rootPath, problems).visit(root, 1);
        return problems;
    }

    /** True when the tree can be stored as jsonb as it is. */
    public static boolean isStorable(JsonNode root) {
        return problems(root, "").isEmpty();
    }

    /** JSON Pointer escaping of one reference token (RFC 6901). */
    public static String pointerToken(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** One walk: the keys and indexes leading to the current node, written out only to report. */
    private static final class Walk {
        private final String root;
        private final List<EventError> problems;
        private final Deque<Object> path = new ArrayDeque<>();

        Walk(String root, List<EventError> problems) {
            this.root = root;
            this.problems = problems;
        }

        void visit(JsonNode node, int depth) {
            if (problems.size() >= MAX_REPORTED) {
                return;
            }
            if (node.isContainerNode() && depth > MAX_DEPTH) {
                report("nesting deeper than " + MAX_DEPTH + " levels is not accepted");
            } else if (node.isTextual()) {
                text(node.textValue(), "text");
            } else if (node.isNumber()) {
                number(node);
            } else if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    path.addLast(field.getKey());
                    text(field.getKey(), "a key");
                    visit(field.getValue(), depth + 1);
                    path.removeLast();
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    path.addLast(i);
                    visit(node.get(i), depth + 1);
                    path.removeLast();
                }
            }
        }

        private void text(String text, String what) {
            int at = StorableText.firstUnstorable(text);
            if (at >= 0) {
                report(StorableText.describe(text, at) + " in " + what
                        + " cannot be stored (PostgreSQL refuses it); send it escaped or remove it");
            }
        }

        private void number(JsonNode node) {
            if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
                double value = node.doubleValue();
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    report("the number is out of range");
                }
                return;
            }
            if (node.isInt() || node.isLong()) {
                return;
            }
            BigDecimal value = node.decimalValue();
            long before = (long) value.precision() - value.scale();
            if (before > MAX_NUMBER_DIGITS || value.scale() > MAX_NUMBER_DIGITS) {
                report("a number may have at most " + MAX_NUMBER_DIGITS
                        + " digits before and after the decimal point once written out");
            }
        }

        private void report(String message) {
            if (problems.size() < MAX_REPORTED) {
                StringBuilder pointer = new StringBuilder(root);
                for (Object step : path) {
                    pointer.append('/').append(step instanceof String key ? pointerToken(key) : step);
                }
                problems.add(new EventError(ErrorCode.INVALID_FIELD, pointer.toString(), message));
            }
        }
    }
}
