package io.theeye.query.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * The counts of one bucket (and one group, when grouped); fields of other groupings are absent.
 *
 * @param applicationId the zero UUID stands for records whose application was not known
 * @param category empty for records whose category could not be read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatsBucket(
        @JsonProperty("start") Instant start,
        @JsonProperty("application_id") UUID applicationId,
        @JsonProperty("category") String category,
        @JsonProperty("name") String name,
        @JsonProperty("valid") long valid,
        @JsonProperty("invalid") long invalid) {}
