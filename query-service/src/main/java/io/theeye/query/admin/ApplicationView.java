package io.theeye.query.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An application as admins see it: never a key, only each key's display prefix and lifetime.
 *
 * @param status {@code active} or {@code disabled}
 * @param keys newest first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApplicationView(
        UUID id, String name, String status, Instant createdAt, Instant disabledAt, List<KeyView> keys) {

    /**
     * One key of the application.
     *
     * @param status {@code active} (no end), {@code expiring} (works until expires_at) or {@code expired}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record KeyView(String prefix, Instant createdAt, Instant expiresAt, String status) {

        static KeyView of(ApplicationKey key, Instant now) {
            String status =
                    key.getExpiresAt() == null ? "active" : key.getExpiresAt().isAfter(now) ? "expiring" : "expired";
            return new KeyView(key.getKeyPrefix(), key.getCreatedAt(), key.getExpiresAt(), status);
        }
    }

    static ApplicationView of(Application application, List<ApplicationKey> keys, Instant now) {
        return new ApplicationView(
                application.getId(),
                application.getName(),
                application.getDisabledAt() == null ? "active" : "disabled",
                application.getCreatedAt(),
                application.getDisabledAt(),
                keys.stream().map(key -> KeyView.of(key, now)).toList());
    }
}
