package io.theeye.query.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * A data-quality incident the processor opened (and perhaps resolved) for an application.
 *
 * @param kind {@code invalid_share} or {@code silent}
 * @param value when it opened: the invalid share (0..1) or the seconds since the last event
 * @param closedAt when it resolved; null while open
 * @param closedValue the same measure when it resolved; null while open or when it closed because
 *     the application was disabled
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QualityIncident(
        long id,
        String kind,
        UUID applicationId,
        String applicationName,
        Instant openedAt,
        Instant closedAt,
        double value,
        Double closedValue) {

    /** Not yet resolved (the answer says so with a null closed_at). */
    @JsonIgnore
    public boolean isOpen() {
        return closedAt == null;
    }
}
