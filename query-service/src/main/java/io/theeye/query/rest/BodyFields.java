package io.theeye.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.service.problem.ProblemException;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a JSON request body strictly, like {@link QueryParameters}: it must be an object, and an
 * unknown or malformed field is a 400 naming the field and the rule.
 */
final class BodyFields {

    private final JsonNode body;

    private BodyFields(JsonNode body) {
        this.body = body;
    }

    /** The body's fields, refusing any outside the allowed set. */
    static BodyFields of(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw ProblemException.malformed("the body must be a JSON object with the fields: "
                    + allowed.stream().sorted().collect(Collectors.joining(", ")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ProblemException.invalidParameter(
                        name,
                        "unknown field; allowed: " + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        return new BodyFields(body);
    }

    /** A required string field that matches a rule. */
    String text(String name, String pattern, String rule) {
        JsonNode value = body.get(name);
        if (value == null || !value.isTextual() || !value.textValue().matches(pattern)) {
            throw ProblemException.invalidParameter(name, rule);
        }
        return value.textValue();
    }

    /** A required field that must be a JSON object. */
    JsonNode object(String name, String rule) {
        JsonNode value = body.get(name);
        if (value == null || !value.isObject()) {
            throw ProblemException.invalidParameter(name, rule);
        }
        return value;
    }
}
