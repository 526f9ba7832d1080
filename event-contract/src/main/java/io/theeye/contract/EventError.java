package io.theeye.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One reason an event is invalid.
 *
 * @param code the stable error code
 * @param path a JSON Pointer into the event (empty for the whole event)
 * @param message a human-readable explanation
 */
public record EventError(
        @JsonProperty("code") ErrorCode code,
        @JsonProperty("path") String path,
        @JsonProperty("message") String message) {}
