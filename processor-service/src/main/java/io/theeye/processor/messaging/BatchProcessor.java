package io.theeye.processor.messaging;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.theeye.processor.config.ProcessorConfig;
import io.theeye.processor.storage.EventStore;
import io.theeye.processor.validation.EventTypeRegistry;
import io.theeye.processor.validation.EventValidator;
import io.theeye.processor.validation.InvalidEvent;
import io.theeye.processor.validation.RawRecord;
import io.theeye.processor.validation.ValidEvent;
import io.theeye.processor.validation.ValidationOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Turns a batch of raw records into stored events. The batch is done only when the valid and
 * invalid rows are committed and the invalid records acknowledged by Kafka; until then it is
 * retried with backoff (consumption waits), so offsets never move past what is stored.
 */
@ApplicationScoped
public class BatchProcessor {

    private static final Logger LOG = Logger.getLogger(BatchProcessor.class);

    private final EventValidator validator;
    private final EventTypeRegistry registry;
    private final EventStore store;
    private final InvalidEventPublisher invalidPublisher;
    private final ProcessorConfig config;
    private final MeterRegistry metrics;
    private final DistributionSummary batchSize;
    private final Timer batchLatency;

    BatchProcessor(
            EventValidator validator,
            EventTypeRegistry registry,
            EventStore store,
            InvalidEventPublisher invalidPublisher,
            ProcessorConfig config,
            MeterRegistry metrics) {
        this.validator = validator;
        this.registry = registry;
        this.store = store;
        this.invalidPublisher = invalidPublisher;
        this.config = config;
        this.metrics = metrics;
        this.batchSize = DistributionSummary.builder("eye.processor.batch.size")
                .description("Records per consumed batch")
                .publishPercentileHistogram()
                .register(metrics);
        this.batchLatency = Timer.builder("eye.processor.batch.duration")
                .description("Time to validate and durably store one batch")
                .publishPercentileHistogram()
                .register(metrics);
    }

    /** A batch's verdicts, made once and kept across storage retries. */
    private record Verdicts(List<ValidEvent> valid, List<InvalidEvent> invalid, Instant validatedAt) {}

    /**
     * Validates and stores the batch; completes only once it is durable. Validation waits until
     * the event-type registry has loaded: judged against an empty registry, every event of a
     * freshly started processor would be an unknown type.
     */
    public Uni<Void> process(List<RawRecord> records) {
        long started = System.nanoTime();
        AtomicInteger attempt = new AtomicInteger();
        AtomicReference<Verdicts> verdicts = new AtomicReference<>();
        return Uni.createFrom()
                .deferred(() -> {
                    if (verdicts.get() == null) {
                        if (!registry.isReady()) {
                            return Uni.createFrom().failure(new IllegalStateException("event types not loaded yet"));
                        }
                        verdicts.set(validate(records));
                    }
                    Verdicts v = verdicts.get();
                    return store.store(v.valid(), v.invalid(), v.validatedAt())
                            .chain(() -> invalidPublisher.publish(v.invalid(), v.validatedAt()));
                })
                .onFailure()
                .invoke(failure -> {
                    int n = attempt.incrementAndGet();
                    if (n == 1 || n % 10 == 0) {
                        LOG.warnf(
                                "batch of %d records not stored yet (attempt %d), retrying: %s",
                                records.size(), n, failure.getMessage());
                    }
                })
                .onFailure()
                .retry()
                .withBackOff(config.retry().initialBackoff(), config.retry().maxBackoff())
                .indefinitely()
                .invoke(() -> {
                    if (attempt.get() > 0) {
                        LOG.infof("batch of %d records stored after %d retries", records.size(), attempt.get());
                    }
                    Verdicts v = verdicts.get();
                    record(v.valid(), v.invalid(), records.size(), started);
                });
    }

    private Verdicts validate(List<RawRecord> records) {
        List<ValidEvent> valid = new ArrayList<>(records.size());
        List<InvalidEvent> invalid = new ArrayList<>();
        for (ValidationOutcome outcome :
                firstCopies(records.stream().map(validator::validate).toList())) {
            if (outcome instanceof ValidEvent event) {
                valid.add(event);
            } else if (outcome instanceof InvalidEvent event) {
                invalid.add(event);
            }
        }
        return new Verdicts(valid, invalid, Instant.now());
    }

    /**
     * Keeps only the first copy of each event id, in log order. Across batches the first stored
     * copy wins by the tables' keys; within one batch the statement's row order is up to the
     * planner, so without this a rebuild from the raw log could keep a later copy and differ.
     */
    static List<ValidationOutcome> firstCopies(List<ValidationOutcome> outcomes) {
        Set<UUID> seen = new HashSet<>();
        List<ValidationOutcome> first = new ArrayList<>(outcomes.size());
        for (ValidationOutcome outcome : outcomes) {
            UUID id = outcome.eventId();
            if (id == null || seen.add(id)) {
                first.add(outcome);
            }
        }
        return first;
    }

    /** Counts per result, code, event type and application; tags stay bounded (registered types only). */
    private void record(List<ValidEvent> valid, List<InvalidEvent> invalid, int size, long started) {
        batchSize.record(size);
        batchLatency.record(Duration.ofNanos(System.nanoTime() - started));
        Map<List<String>, Integer> counts = new HashMap<>();
        for (ValidEvent event : valid) {
            counts.merge(
                    List.of(
                            "valid",
                            "none",
                            event.category() + "/" + event.name(),
                            String.valueOf(event.applicationId())),
                    1,
                    Integer::sum);
        }
        for (InvalidEvent event : invalid) {
            String type = event.category() != null
                            && event.name() != null
                            && registry.find(event.category(), event.name()).isPresent()
                    ? event.category() + "/" + event.name()
                    : "unregistered";
            event.errors().stream()
                    .map(e -> e.code().wire())
                    .distinct()
                    .forEach(code -> counts.merge(
                            List.of("invalid", code, type, String.valueOf(event.applicationId())), 1, Integer::sum));
        }
        counts.forEach((tags, n) -> metrics.counter(
                        "eye.processor.events",
                        "result",
                        tags.get(0),
                        "code",
                        tags.get(1),
                        "type",
                        tags.get(2),
                        "application",
                        tags.get(3))
                .increment(n));
    }
}
