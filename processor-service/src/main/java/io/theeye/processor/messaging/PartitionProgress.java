package io.theeye.processor.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.theeye.processor.validation.RawRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each raw-topic partition is waiting on: the batch in flight, how old its oldest record is,
 * and since when it has been retrying. A partition that stops advancing shows here (gauges,
 * readiness) rather than only in a log line.
 */
@ApplicationScoped
public class PartitionProgress {

    /** One partition's batch in flight. */
    private record InFlight(Instant oldestAppended, Instant retryingSince) {}

    /** A partition whose batch has been retrying, and for how long. */
    public record Stall(int partition, Duration retrying, Duration oldestUnprocessed) {}

    /**
     * A partition's batch in flight now.
     *
     * @param oldestUnprocessed the age of its oldest record (by the record's Kafka timestamp)
     * @param retrying how long it has been retrying; zero while its first attempt runs
     */
    public record Busy(Duration oldestUnprocessed, Duration retrying) {}

    private final Map<Integer, InFlight> inFlight = new ConcurrentHashMap<>();
    private final java.util.Set<Integer> registered = ConcurrentHashMap.newKeySet();
    private final MeterRegistry metrics;
    private final Clock clock;

    PartitionProgress(MeterRegistry metrics) {
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /** A batch is being processed. */
    void started(List<RawRecord> records) {
        Map<Integer, Instant> oldest = new java.util.HashMap<>();
        for (RawRecord record : records) {
            Instant appended = record.appendedAt() == null ? clock.instant() : record.appendedAt();
            oldest.merge(record.partition(), appended, (a, b) -> a.isBefore(b) ? a : b);
        }
        oldest.forEach((partition, appended) -> {
            inFlight.put(partition, new InFlight(appended, null));
            if (registered.add(partition)) {
                register(partition);
            }
        });
    }

    /** An attempt failed and will be retried. */
    void failed(List<RawRecord> records) {
        Instant now = clock.instant();
        records.stream()
                .map(RawRecord::partition)
                .distinct()
                .forEach(partition -> inFlight.computeIfPresent(
                        partition,
                        (p, batch) ->
                                batch.retryingSince() == null ? new InFlight(batch.oldestAppended(), now) : batch));
    }

    /** The batch is durable: its partitions advanced. */
    void done(List<RawRecord> records) {
        records.stream().map(RawRecord::partition).distinct().forEach(inFlight::remove);
    }

    /** Partitions whose batch has been retrying for at least {@code threshold}. */
    public List<Stall> stalledFor(Duration threshold) {
        Instant now = clock.instant();
        return inFlight.entrySet().stream()
                .filter(e -> e.getValue().retryingSince() != null)
                .map(e -> new Stall(
                        e.getKey(),
                        Duration.between(e.getValue().retryingSince(), now),
                        Duration.between(e.getValue().oldestAppended(), now)))
                .filter(stall -> stall.retrying().compareTo(threshold) >= 0)
                .sorted(java.util.Comparator.comparingInt(Stall::partition))
                .toList();
    }

    /** Every partition with a batch in flight on this processor, by partition. */
    public Map<Integer, Busy> inFlight() {
        Instant now = clock.instant();
        Map<Integer, Busy> busy = new java.util.TreeMap<>();
        inFlight.forEach((partition, batch) -> busy.put(
                partition,
                new Busy(
                        Duration.between(batch.oldestAppended(), now),
                        batch.retryingSince() == null ? Duration.ZERO : Duration.between(batch.retryingSince(), now))));
        return busy;
    }

    private void register(int partition) {
        String tag = Integer.toString(partition);
        Gauge.builder("eye.processor.partition.unprocessed.age", this, p -> p.seconds(partition, false))
                .description("Age of the oldest record of the batch in flight on a raw-topic partition (0 when idle)")
                .baseUnit("seconds")
                .tag("partition", tag)
                .register(metrics);
        Gauge.builder("eye.processor.partition.retrying", this, p -> p.seconds(partition, true))
                .description("How long the batch in flight on a raw-topic partition has been retrying (0 when none)")
                .baseUnit("seconds")
                .tag("partition", tag)
                .register(metrics);
    }

    private double seconds(int partition, boolean retrying) {
        InFlight batch = inFlight.get(partition);
        if (batch == null) {
            return 0;
        }
        Instant since = retrying ? batch.retryingSince() : batch.oldestAppended();
        return Optional.ofNullable(since)
                .map(s -> Duration.between(s, clock.instant()).toMillis() / 1000.0)
                .orElse(0.0);
    }
}
