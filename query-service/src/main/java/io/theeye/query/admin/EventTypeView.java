package io.theeye.query.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/**
 * An event type and its versions, newest first.
 *
 * @param currentVersion the version the processor validates against (the newest active one), or
 *     null when no version is active
 * @param versions with their schemas when one type is shown, without them in the list of all types
 */
public record EventTypeView(
        @JsonProperty("category") String category,
        @JsonProperty("name") String name,
        @JsonProperty("current_version") Integer currentVersion,
        @JsonProperty("versions") List<Version> versions) {

    /** One version; schema is absent in listings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Version(
            @JsonProperty("version") int version,
            @JsonProperty("status") String status,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("schema") @JsonRawValue String schema) {}

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
