package io.theeye.query.admin;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An application that may send events, as stored; its keys are {@link ApplicationKey}s. */
@Entity
@Table(name = "applications")
public class Application {

    @Id
    private UUID id;

    private String name;
    private Instant createdAt;
    private Instant disabledAt;

    protected Application() {}

    private Application(UUID id, String name, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
    }

    /** A new, enabled application. */
    static Application register(String name, Instant now) {
        return new Application(UUID.randomUUID(), name, now);
    }

    /** Stops the application's keys from working; disabling twice keeps the first time. */
    void disable(Instant now) {
        if (disabledAt == null) {
            disabledAt = now;
        }
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getDisabledAt() {
        return disabledAt;
    }
}
