package io.theeye.processor.health;

import io.theeye.processor.storage.SchemaMigration;
import io.theeye.processor.validation.EventTypeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the schema is migrated and the event-type registry loaded. */
@Readiness
@ApplicationScoped
public class ProcessorReadinessCheck implements HealthCheck {

    private final SchemaMigration migration;
    private final EventTypeRegistry registry;

    ProcessorReadinessCheck(SchemaMigration migration, EventTypeRegistry registry) {
        this.migration = migration;
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("schema-and-registry")
                .status(migration.isDone() && registry.isReady())
                .withData("schema", migration.isDone())
                .withData("registry", registry.isReady())
                .build();
    }
}
