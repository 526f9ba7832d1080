package io.theeye.processor.health;

import io.theeye.processor.config.ProcessorConfig;
import io.theeye.processor.messaging.PartitionProgress;
import io.theeye.processor.messaging.PartitionProgress.Stall;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while a raw-topic partition has been retrying one batch for longer than
 * {@code eye.processor.stalled-after}: the answer names each stalled partition, how long it has
 * been retrying and how old its oldest unprocessed record is.
 */
@Readiness
@ApplicationScoped
public class RawPartitionsHealthCheck implements HealthCheck {

    private final PartitionProgress progress;
    private final ProcessorConfig config;

    RawPartitionsHealthCheck(PartitionProgress progress, ProcessorConfig config) {
        this.progress = progress;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        List<Stall> stalls = progress.stalledFor(config.stalledAfter());
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("raw-partitions").status(stalls.isEmpty());
        for (Stall stall : stalls) {
            response.withData(
                    "partition " + stall.partition(),
                    "retrying for " + stall.retrying().toSeconds() + " s; oldest unprocessed record "
                            + stall.oldestUnprocessed().toSeconds() + " s old");
        }
        return response.build();
    }
}
