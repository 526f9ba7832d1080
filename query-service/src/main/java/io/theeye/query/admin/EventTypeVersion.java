package io.theeye.query.admin;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One version of an event type's JSON Schema, as stored in {@code event_types}. Versions are only
 * ever added; the processor validates against the newest active one.
 */
@Entity
@Table(name = "event_types")
@IdClass(EventTypeVersion.Key.class)
public class EventTypeVersion {

    /** The registry's status of a version the processor may use. */
    static final String ACTIVE = "active";

    @Id
    private String category;

    @Id
    private String name;

    @Id
    private int version;

    /**
     * The schema as JSON text; the column is jsonb. The parameter is cast to text first: bound
     * straight to jsonb, the reactive client would store the text as one JSON string.
     */
    @ColumnTransformer(read = "cast(schema as text)", write = "cast(cast(? as text) as jsonb)")
    private String schema;

    private String status;
    private Instant createdAt;

    protected EventTypeVersion() {}

    EventTypeVersion(String category, String name, int version, String schema, Instant createdAt) {
        this.category = category;
        this.name = name;
        this.version = version;
        this.schema = schema;
        this.status = ACTIVE;
        this.createdAt = createdAt;
    }

    public String getCategory() {
        return category;
    }

    public String getName() {
        return name;
    }

    public int getVersion() {
        return version;
    }

    public String getSchema() {
        return schema;
    }

    public String getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    boolean isActive() {
        return ACTIVE.equals(status);
    }

    /** The primary key: category, name and version. */
    public static class Key implements Serializable {
        private String category;
        private String name;
        private int version;

        public Key() {}

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && version == key.version
                    && Objects.equals(category, key.category)
                    && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(category, name, version);
        }
    }
}
