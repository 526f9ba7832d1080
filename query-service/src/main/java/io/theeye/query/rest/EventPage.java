package io.theeye.query.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.theeye.query.storage.StoredEvent;
import java.util.List;

/**
 * One page of events.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record EventPage(
        @JsonProperty("events") List<StoredEvent> events,
        @JsonProperty("next_cursor") String nextCursor) {}
