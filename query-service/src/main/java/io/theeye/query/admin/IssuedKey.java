package io.theeye.query.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A key just made for an application: the only time the key itself is ever shown.
 *
 * @param key the key in clear; store it now, it cannot be shown again
 * @param previousKeysExpireAt after a rotation, when the application's earlier keys stop working
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuedKey(
        @JsonProperty("application_id") UUID applicationId,
        @JsonProperty("name") String name,
        @JsonProperty("key") String key,
        @JsonProperty("key_prefix") String keyPrefix,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("previous_keys_expire_at") Instant previousKeysExpireAt) {}
