package io.theeye.ingest.health;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.theeye.contract.Topics;
import io.theeye.ingest.messaging.RawEventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Kafka answers for the raw topic now (asked with a 2 s bound, the answer kept for a
 * second so probes do not pile up) and the producer knows the topic's partitions: before that
 * every send would be refused.
 */
@Readiness
@ApplicationScoped
public class RawTopicHealthCheck implements HealthCheck {

    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final Duration KEPT = Duration.ofSeconds(1);

    private final RawEventPublisher publisher;
    private final Admin admin;
    private volatile boolean reachable;
    private volatile long askedAt;

    RawTopicHealthCheck(RawEventPublisher publisher, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.publisher = publisher;
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BOUND.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BOUND.toMillis());
        this.admin = Admin.create(settings);
    }

    void onStop(@Observes ShutdownEvent event) {
        admin.close(Duration.ofSeconds(2));
    }

    @Override
    public synchronized HealthCheckResponse call() {
        if (System.nanoTime() - askedAt > KEPT.toNanos()) {
            reachable = topicAnswers();
            askedAt = System.nanoTime();
        }
        return HealthCheckResponse.named("raw-topic")
                .status(reachable && publisher.isReady())
                .withData("kafka", reachable)
                .withData("partitions-known", publisher.isReady())
                .build();
    }

    private boolean topicAnswers() {
        try {
            admin.describeTopics(List.of(Topics.RAW)).allTopicNames().get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
