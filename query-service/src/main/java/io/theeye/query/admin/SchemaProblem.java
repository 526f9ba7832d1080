package io.theeye.query.admin;

/**
 * One reason a submitted schema is not a usable JSON Schema.
 *
 * @param path a JSON Pointer into the submitted schema
 */
public record SchemaProblem(String path, String message) {}
