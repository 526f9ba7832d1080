package io.theeye.query.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * The counts of one bucket (and one group, when grouped); fields of other groupings are absent.
 *
 * @param applicationId the zero UUID stands for records whose application was not known
 * @param category empty for records whose category could not be read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatsBucket(Instant start, UUID applicationId, String category, String name, long valid, long invalid) {}
