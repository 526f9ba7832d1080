package io.theeye.ingest.health;

import io.theeye.ingest.auth.ApplicationKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the application keys (and so the schema) have been loaded once. */
@Readiness
@ApplicationScoped
public class KeySetHealthCheck implements HealthCheck {

    private final ApplicationKeyStore keys;

    KeySetHealthCheck(ApplicationKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("application-keys")
                .status(keys.isLoaded())
                .build();
    }
}
