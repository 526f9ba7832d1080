package io.theeye.query.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One reason a submitted schema is not a usable JSON Schema.
 *
 * @param path a JSON Pointer into the submitted schema
 */
public record SchemaProblem(
        @JsonProperty("path") String path,
        @JsonProperty("message") String message) {}
