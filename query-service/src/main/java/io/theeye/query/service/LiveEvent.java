package io.theeye.query.service;

import java.util.List;
import java.util.UUID;

/**
 * An event as the processor decided it, read from the valid or invalid topic, with what viewers
 * filter on. The record's own text is passed to viewers untouched.
 *
 * @param id where it was read, {@code topic:partition:offset}: unique, and the SSE event id
 * @param kind valid or invalid
 * @param applicationId its application, or null when the record had none
 * @param category its category, or null when an invalid event had none readable
 * @param name its name, likewise
 * @param codes the error codes of an invalid event (empty for a valid one)
 * @param json the record as published ({@code eye.valid/1} or the invalid topic's record)
 */
public record LiveEvent(
        String id, Kind kind, UUID applicationId, String category, String name, List<String> codes, String json) {

    /** Which topic an event was read from. */
    public enum Kind {
        VALID("valid"),
        INVALID("invalid");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** The word in filters and the SSE event name. */
        public String wire() {
            return wire;
        }
    }

    /** What holding it costs, roughly: its text, twice for UTF-16, plus the rest. */
    public long size() {
        return 2L * json.length() + 256;
    }
}
