package io.theeye.query.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.theeye.query.storage.StoredInvalidEvent;
import java.util.List;

/**
 * One page of invalid events, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record InvalidEventPage(
        @JsonProperty("events") List<StoredInvalidEvent> events,
        @JsonProperty("next_cursor") String nextCursor) {}
