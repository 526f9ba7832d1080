package io.theeye.processor.replay;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReplayReport(
        boolean dryRun,
        int examined,
        int nowValid,
        int stillInvalid,
        List<UUID> nowValidSamples,
        List<StillInvalid> stillInvalidSamples) {

    /** An event that still fails, with today's errors. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StillInvalid(UUID eventId, List<EventError> errors) {}
}
