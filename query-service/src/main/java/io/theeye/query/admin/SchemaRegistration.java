package io.theeye.query.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
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
public record SchemaRegistration(
        @JsonProperty("category") String category,
        @JsonProperty("name") String name,
        @JsonProperty("version") int version,
        @JsonProperty("status") String status,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("created") boolean created,
        @JsonProperty("compared_with") Integer comparedWith,
        @JsonProperty("forced") boolean forced,
        @JsonProperty("incompatibilities") List<Incompatibility> incompatibilities,
        @JsonProperty("schema") @JsonRawValue String schema) {}
