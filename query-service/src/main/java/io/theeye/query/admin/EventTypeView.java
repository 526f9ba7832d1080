package io.theeye.query.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * An event type and its versions, newest first.
 *
 * @param currentVersion the version the processor validates against (the newest active one), or
 *     null when no version is active
 * @param versions with their schemas when one type is shown, without them in the list of all types
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventTypeView(String category, String name, Integer currentVersion, List<Version> versions) {

    /** One version; schema is absent in listings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Version(
            int version,
            String status,
            Instant createdAt,
            @JsonRawValue String schema) {}

    /** A type from its versions, newest first. */
    static EventTypeView of(List<EventTypeVersion> newestFirst, boolean withSchemas) {
        EventTypeVersion any = newestFirst.get(0);
        Integer current = newestFirst.stream()
                .filter(EventTypeVersion::isActive)
                .map(EventTypeVersion::getVersion)
                .findFirst()
                .orElse(null);
        return new EventTypeView(
                any.getCategory(),
                any.getName(),
                current,
                newestFirst.stream()
                        .map(v -> new Version(
                                v.getVersion(), v.getStatus(), v.getCreatedAt(), withSchemas ? v.getSchema() : null))
                        .toList());
    }
}
