package io.theeye.query.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * The answer to registering a schema version.
 *
 * @param created false when the schema equals the current version's, which is returned unchanged
 * @param comparedWith the version the new one was checked against (absent for a new type)
 * @param forced true when it was registered despite incompatibilities (listed)
 * @param incompatibilities why events valid under comparedWith could be refused by this version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SchemaRegistration(
        String category,
        String name,
        int version,
        String status,
        Instant createdAt,
        boolean created,
        Integer comparedWith,
        boolean forced,
        List<Incompatibility> incompatibilities,
        @JsonRawValue String schema) {}
