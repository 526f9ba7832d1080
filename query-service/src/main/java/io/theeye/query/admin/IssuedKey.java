package io.theeye.query.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * A key just made for an application: the only time the key itself is ever shown.
 *
 * @param key the key in clear; store it now, it cannot be shown again
 * @param previousKeysExpireAt after a rotation, when the application's earlier keys stop working
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IssuedKey(
        UUID applicationId,
        String name,
        String key,
        String keyPrefix,
        Instant createdAt,
        Instant previousKeysExpireAt) {}
