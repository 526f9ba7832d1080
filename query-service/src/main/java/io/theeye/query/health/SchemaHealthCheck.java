package io.theeye.query.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until processor-service has created the tables this service reads. */
@Readiness
@ApplicationScoped
public class SchemaHealthCheck implements AsyncHealthCheck {

    private final Pool pool;

    SchemaHealthCheck(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query(
                        "SELECT to_regclass('public.events') IS NOT NULL AND to_regclass('public.invalid_events') IS NOT NULL AS ready")
                .execute()
                .map(rows -> rows.iterator().next().getBoolean("ready"))
                .onFailure()
                .recoverWithItem(false)
                .map(ready -> HealthCheckResponse.named("schema").status(ready).build());
    }
}
