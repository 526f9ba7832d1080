package io.theeye.query.admin;

/**
 * One reason a new schema version could refuse events the current version accepts.
 *
 * @param rule a stable name: required_added, property_removed, type_changed, enum_narrowed,
 *     additional_properties_restricted, constraint_tightened or unverifiable_change
 * @param path a JSON Pointer into the new schema
 * @param message what changed and what it means for events
 */
public record Incompatibility(String rule, String path, String message) {}
