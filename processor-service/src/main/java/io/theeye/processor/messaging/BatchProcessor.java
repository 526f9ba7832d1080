package io.theeye.processor.messaging;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.theeye.processor.config.ProcessorConfig;
import io.theeye.processor.storage.EventStore;
import io.theeye.processor.validation.EventValidator;
import io.theeye.processor.validation.InvalidEvent;
import io.theeye.processor.validation.RawRecord;
import io.theeye.processor.validation.ValidEvent;
import io.theeye.processor.validation.ValidationOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final EventStore store;
    private final InvalidEventPublisher invalidPublisher;
    private final ProcessorConfig config;
    private final MeterRegistry metrics;
    private final DistributionSummary batchSize;
    private final Timer batchLatency;

    BatchProcessor(
            EventValidator validator,
            EventStore store,
            InvalidEventPublisher invalidPublisher,
            ProcessorConfig config,
            MeterRegistry metrics) {
        this.validator = validator;
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

    /** Validates and stores the batch; completes only once it is durable. */
    public Uni<Void> process(List<RawRecord> records) {
        long started = System.nanoTime();
        List<ValidEvent> valid = new ArrayList<>(records.size());
        List<InvalidEvent> invalid = new ArrayList<>();
        for (RawRecord record : records) {
            ValidationOutcome outcome = validator.validate(record);
            if (outcome instanceof ValidEvent event) {
                valid.add(event);
            } else if (outcome instanceof InvalidEvent event) {
                invalid.add(event);
            }
        }
        Instant validatedAt = Instant.now();
        AtomicInteger attempt = new AtomicInteger();
        return Uni.createFrom()
                .deferred(() -> store.store(valid, invalid, validatedAt)
                        .chain(() -> invalidPublisher.publish(invalid, validatedAt)))
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
                    record(valid, invalid, records.size(), started);
                });
    }

    private void record(List<ValidEvent> valid, List<InvalidEvent> invalid, int size, long started) {
        batchSize.record(size);
        batchLatency.record(Duration.ofNanos(System.nanoTime() - started));
        for (ValidEvent event : valid) {
            metrics.counter(
                            "eye.processor.events",
                            "result",
                            "valid",
                            "code",
                            "none",
                            "application",
                            String.valueOf(event.applicationId()))
                    .increment();
        }
        for (InvalidEvent event : invalid) {
            event.errors().stream()
                    .map(e -> e.code().wire())
                    .distinct()
                    .forEach(code -> metrics.counter(
                                    "eye.processor.events",
                                    "result",
                                    "invalid",
                                    "code",
                                    code,
                                    "application",
                                    String.valueOf(event.applicationId()))
                            .increment());
        }
    }
}
