package io.theeye.query.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a data-quality owner looks at first: how many events failed in a range, by error code and
 * by event type, each with the newest few event ids to open.
 *
 * @param total invalid events in the range (an event with several codes counts once here)
 * @param byCode per code, most frequent first; an event counts under each of its codes
 * @param byEventType per category and name, most frequent first (null for records that had none)
 */
public record InvalidEventSummary(
        @JsonProperty("from") Instant from,
        @JsonProperty("to") Instant to,
        @JsonProperty("total") long total,
        @JsonProperty("by_code") List<CodeCount> byCode,
        @JsonProperty("by_event_type") List<TypeCount> byEventType) {

    /** Invalid events with one error code. */
    public record CodeCount(
            @JsonProperty("code") String code,
            @JsonProperty("events") long events,
            @JsonProperty("sample_event_ids") List<UUID> sampleEventIds) {}

    /** Invalid events of one event type. */
    public record TypeCount(
            @JsonProperty("category") String category,
            @JsonProperty("name") String name,
            @JsonProperty("events") long events,
            @JsonProperty("sample_event_ids") List<UUID> sampleEventIds) {}
}
