package io.theeye.processor.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.theeye.processor.config.ProcessorConfig;
import io.theeye.processor.storage.BatchWriter;
import io.theeye.processor.storage.BatchWriter.Written;
import io.theeye.processor.storage.EventStore;
import io.theeye.processor.storage.FailureClassifier;
import io.theeye.processor.validation.EventTypeRegistry;
import io.theeye.processor.validation.EventValidator;
import io.theeye.processor.validation.InvalidEvent;
import io.theeye.processor.validation.Judged;
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
 * Turns a batch of raw records into stored events. The batch is done only when every record is
 * stored (valid, invalid, or refused by the database and recorded as unstorable) and the invalid
 * records are acknowledged by Kafka. Transient failures are retried with backoff while the batch
 * waits (offsets never move past what is stored); permanent ones never reach this far.
 */
@ApplicationScoped
public class BatchProcessor {

    private static final Logger LOG = Logger.getLogger(BatchProcessor.class);

    private final EventValidator validator;
    private final EventTypeRegistry registry;
    private final BatchWriter writer;
    private final InvalidEventPublisher invalidPublisher;
    private final ValidEventPublisher validPublisher;
    private final PartitionProgress progress;
    private final ProcessorConfig config;
    private final MeterRegistry metrics;
    private final DistributionSummary batchSize;
    private final Timer batchLatency;
    private final Counter unstorable;

    BatchProcessor(
            EventValidator validator,
            EventTypeRegistry registry,
            BatchWriter writer,
            InvalidEventPublisher invalidPublisher,
            ValidEventPublisher validPublisher,
            PartitionProgress progress,
            ProcessorConfig config,
            MeterRegistry metrics) {
        this.validator = validator;
        this.registry = registry;
        this.writer = writer;
        this.invalidPublisher = invalidPublisher;
        this.validPublisher = validPublisher;
        this.progress = progress;
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
        this.unstorable = Counter.builder("eye.processor.unstorable")
                .description("Records the database refused, recorded as unstorable invalid events")
                .register(metrics);
    }

    /** A batch's verdicts, made once and kept across retries. */
    private record Verdicts(List<Judged> firstCopies, int records, Instant validatedAt) {}

    /**
     * Validates and stores the batch; completes only once it is durable. Validation waits until
     * the event-type registry has loaded: judged against an empty registry, every event of a
     * freshly started processor would be an unknown type.
     */
    public Uni<Void> process(List<RawRecord> records) {
        long started = System.nanoTime();
        AtomicInteger attempt = new AtomicInteger();
        AtomicReference<Verdicts> verdicts = new AtomicReference<>();
        progress.started(records);
        return Uni.createFrom()
                .deferred(() -> {
                    if (verdicts.get() == null) {
                        if (!registry.isReady()) {
                            return Uni.createFrom().failure(new IllegalStateException("event types not loaded yet"));
                        }
                        verdicts.set(validate(records));
                    }
                    Verdicts v = verdicts.get();
                    return writer.write(v.firstCopies(), v.validatedAt())
                            // Both topics at once: one Kafka round trip per batch, not two.
                            .call(written -> Uni.join()
                                    .all(
                                            invalidPublisher.publish(invalid(written.kept()), v.validatedAt()),
                                            validPublisher.publish(written.kept()))
                                    .andFailFast());
                })
                .onFailure()
                .invoke(failure -> {
                    progress.failed(records);
                    int n = attempt.incrementAndGet();
                    if (n == 1 || n % 10 == 0) {
                        LOG.warnf(
                                "batch of %d records not stored yet (attempt %d, %s), retrying: %s",
                                records.size(),
                                n,
                                FailureClassifier.classify(failure).name().toLowerCase(java.util.Locale.ROOT),
                                FailureClassifier.reason(failure));
                    }
                })
                .onFailure()
                .retry()
                .withBackOff(config.retry().initialBackoff(), config.retry().maxBackoff())
                .indefinitely()
                .invoke(written -> {
                    progress.done(records);
                    if (attempt.get() > 0) {
                        LOG.infof("batch of %d records stored after %d retries", records.size(), attempt.get());
                    }
                    record(verdicts.get(), written, started);
                })
                .replaceWithVoid();
    }

    private Verdicts validate(List<RawRecord> records) {
        List<Judged> judged = new ArrayList<>(records.size());
        for (RawRecord record : records) {
            judged.add(new Judged(record, validator.validate(record)));
        }
        return new Verdicts(firstCopies(judged), records.size(), Instant.now());
    }

    /**
     * Keeps only the first copy of each event, in log order; an event is its application and its
     * id. Across batches the first recorded copy wins by the identity table; within one batch the
     * statement's row order is up to the planner, so without this a rebuild from the raw log
     * could keep a later copy and differ.
     */
    static List<Judged> firstCopies(List<Judged> judged) {
        Set<List<UUID>> seen = new HashSet<>();
        List<Judged> first = new ArrayList<>(judged.size());
        for (Judged one : judged) {
            ValidationOutcome outcome = one.outcome();
            UUID application =
                    outcome.applicationId() == null ? EventStore.UNKNOWN_APPLICATION : outcome.applicationId();
            if (seen.add(List.of(application, outcome.eventId()))) {
                first.add(one);
            }
        }
        return first;
    }

    private static List<InvalidEvent> invalid(List<ValidationOutcome> kept) {
        List<InvalidEvent> invalid = new ArrayList<>();
        for (ValidationOutcome outcome : kept) {
            if (outcome instanceof InvalidEvent event) {
                invalid.add(event);
            }
        }
        return invalid;
    }

    /**
     * Counts per result, code, event type and application, for the copies that were stored (tags
     * stay bounded: registered types only); later copies of stored events count as duplicates.
     */
    private void record(Verdicts verdicts, Written written, long started) {
        batchSize.record(verdicts.records());
        batchLatency.record(Duration.ofNanos(System.nanoTime() - started));
        unstorable.increment(written.unstorable().size());
        Map<List<String>, Integer> counts = new HashMap<>();
        for (ValidationOutcome outcome : written.kept()) {
            String application = String.valueOf(outcome.applicationId());
            if (outcome instanceof ValidEvent event) {
                counts.merge(
                        List.of("valid", "none", event.category() + "/" + event.name(), application), 1, Integer::sum);
            } else if (outcome instanceof InvalidEvent event) {
                String type = event.category() != null
                                && event.name() != null
                                && registry.find(event.category(), event.name()).isPresent()
                        ? event.category() + "/" + event.name()
                        : "unregistered";
                event.errors().stream()
                        .map(e -> e.code().wire())
                        .distinct()
                        .forEach(code -> counts.merge(List.of("invalid", code, type, application), 1, Integer::sum));
            }
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
        int duplicates = verdicts.records() - written.kept().size();
        if (duplicates > 0) {
            metrics.counter("eye.processor.duplicates").increment(duplicates);
        }
    }
}
