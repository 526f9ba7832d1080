package io.theeye.query.admin;

import io.theeye.contract.ApplicationKeys;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One key of an application: only its hash and a display prefix are stored, never the key. */
@Entity
@Table(name = "application_keys")
public class ApplicationKey {

    @Id
    private String keyHash;

    private UUID applicationId;
    private String keyPrefix;
    private Instant createdAt;
    private Instant expiresAt;

    protected ApplicationKey() {}

    private ApplicationKey(String keyHash, UUID applicationId, String keyPrefix, Instant createdAt) {
        this.keyHash = keyHash;
        this.applicationId = applicationId;
        this.keyPrefix = keyPrefix;
        this.createdAt = createdAt;
    }

    /** The stored form of a key just generated for an application. */
    static ApplicationKey of(String key, UUID applicationId, Instant now) {
        return new ApplicationKey(ApplicationKeys.hash(key), applicationId, ApplicationKeys.displayPrefix(key), now);
    }

    public UUID getApplicationId() {
        return applicationId;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
