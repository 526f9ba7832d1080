package io.theeye.ingest.intake;

import io.theeye.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per application, in memory (each ingest replica limits its own share). */
@ApplicationScoped
public class RateLimiter {

    private final Optional<Integer> perSecond;
    private final int burst;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(IngestConfig config) {
        this.perSecond = config.rateLimit().eventsPerSecond();
        this.burst = config.rateLimit().burst();
    }

    /** Empty when the events may pass; otherwise how long to wait before trying again. */
    public Optional<Duration> acquire(UUID applicationId, int events) {
        if (perSecond.isEmpty()) {
            return Optional.empty();
        }
        Bucket bucket =
                buckets.computeIfAbsent(applicationId, id -> new Bucket(perSecond.get(), perSecond.get() + burst));
        return bucket.take(events, System.nanoTime());
    }

    private static final class Bucket {
        private final double ratePerNano;
        private final double capacity;
        private double tokens;
        private long updatedAt;

        Bucket(int perSecond, int capacity) {
            this.ratePerNano = perSecond / 1e9;
            this.capacity = capacity;
            this.tokens = capacity;
            this.updatedAt = System.nanoTime();
        }

        synchronized Optional<Duration> take(int events, long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * ratePerNano);
            updatedAt = now;
            // A batch larger than the bucket passes when the bucket is full, then pays it back.
            if (tokens >= Math.min(events, capacity)) {
                tokens -= events;
                return Optional.empty();
            }
            long waitNanos = (long) Math.ceil((events - tokens) / ratePerNano);
            return Optional.of(Duration.ofNanos(Math.max(waitNanos, 1_000_000_000L)));
        }
    }
}
