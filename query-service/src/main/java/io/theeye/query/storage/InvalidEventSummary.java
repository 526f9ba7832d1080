package io.theeye.query.storage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a data-quality owner looks at first: how many events failed in a range, by error code and
 * by event type, each with the newest few event ids to open. Events a replay has stored since are
 * valid now and counted as such, here as in the hourly and per-minute counts.
 *
 * @param clock the clock that placed each event in the range ({@link CountingClock})
 * @param total invalid events in the range (an event with several codes counts once here)
 * @param byCode per code, most frequent first; an event counts under each of its codes
 * @param byEventType per category and name, most frequent first (null for records that had none)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvalidEventSummary(
        Instant from, Instant to, String clock, long total, List<CodeCount> byCode, List<TypeCount> byEventType) {

    /** Invalid events with one error code. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CodeCount(String code, long events, List<UUID> sampleEventIds) {}

    /** Invalid events of one event type. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TypeCount(String category, String name, long events, List<UUID> sampleEventIds) {}
}
