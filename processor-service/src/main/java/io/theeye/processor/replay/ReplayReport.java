package io.theeye.processor.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.theeye.contract.EventError;
import java.util.List;
import java.util.UUID;

/**
 * What a replay found (and, unless a dry run, did).
 *
 * @param examined invalid events re-validated
 * @param nowValid how many pass today's rules (stored as valid unless a dry run)
 * @param stillInvalid how many still fail
 */
public record ReplayReport(
        @JsonProperty("dry_run") boolean dryRun,
        @JsonProperty("examined") int examined,
        @JsonProperty("now_valid") int nowValid,
        @JsonProperty("still_invalid") int stillInvalid,
        @JsonProperty("now_valid_samples") List<UUID> nowValidSamples,
        @JsonProperty("still_invalid_samples") List<StillInvalid> stillInvalidSamples) {

    /** An event that still fails, with today's errors. */
    public record StillInvalid(
            @JsonProperty("event_id") UUID eventId,
            @JsonProperty("errors") List<EventError> errors) {}
}
