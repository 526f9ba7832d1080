package io.theeye.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.service.problem.ProblemException;

/** The body that registers a schema version: the JSON Schema for the event's data. */
public record NewSchemaVersion(JsonNode schema) {

    /** The schema, which must be a JSON object; any JSON is read, so that the answer can name the rule. */
    JsonNode requireObject() {
        if (schema == null || !schema.isObject()) {
            throw ProblemException.invalidParameter(
                    "schema", "must be a JSON object: the JSON Schema for the event's data");
        }
        return schema;
    }
}
