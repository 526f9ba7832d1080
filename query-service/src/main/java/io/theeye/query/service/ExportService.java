package io.theeye.query.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.theeye.contract.Problem;
import io.theeye.query.config.QueryConfig;
import io.theeye.query.storage.EventFilter;
import io.theeye.query.storage.EventQueryRepository;
import io.theeye.query.storage.StoredEvent;
import io.theeye.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams the events of a bounded time range straight from PostgreSQL into an answer, in the
 * listing's order: rows are fetched as the connection takes what was written before, so however
 * many events match, an export holds one fetch and one chunk in memory. The range is required and
 * bounded, and so is the number of exports an instance streams at once (each holds a connection).
 */
@ApplicationScoped
public class ExportService {

    /** Events per chunk of the answer. */
    static final int CHUNK = 500;

    private final EventQueryRepository repository;
    private final QueryConfig.Export config;
    private final ObjectWriter json;
    private final AtomicInteger running = new AtomicInteger();
    private final Counter exported;

    ExportService(EventQueryRepository repository, QueryConfig config, ObjectMapper mapper, MeterRegistry metrics) {
        this.repository = repository;
        this.config = config.export();
        this.json = mapper.writerFor(StoredEvent.class);
        Gauge.builder("eye.query.exports.running", running::get)
                .description("Exports this instance streams now")
                .register(metrics);
        this.exported = Counter.builder("eye.query.exports.events")
                .description("Events written by exports")
                .register(metrics);
    }

    /**
     * The answer's chunks for the events of [from, to) that match the filters.
     *
     * @throws ProblemException 400 for a missing or too long range, 503 when this instance streams
     *     its maximum of exports already
     */
    public Multi<byte[]> export(
            Instant from, Instant to, UUID application, String category, String name, ExportFormat format) {
        if (from == null || to == null) {
            throw ProblemException.invalidParameter(
                    from == null ? "from" : "to", "is required: an export covers a time range");
        }
        if (!from.isBefore(to)) {
            throw ProblemException.invalidParameter("from", "must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(config.maxDays())) > 0) {
            throw ProblemException.invalidParameter(
                    "from", "an export may span at most " + config.maxDays() + " days; split it into several");
        }
        EventFilter filter = new EventFilter(null, application, category, name, from, to, null);
        byte[] header = format.header();
        // Counted from the subscription on: a failure before the first chunk is still a proper answer.
        return Multi.createFrom().deferred(() -> {
            if (running.incrementAndGet() > config.maxConcurrent()) {
                running.decrementAndGet();
                return Multi.createFrom()
                        .failure(new ProblemException(
                                Problem.of(
                                        503,
                                        "unavailable",
                                        "Too many exports",
                                        "this server already streams its maximum of " + config.maxConcurrent()
                                                + " exports; retry later"),
                                Duration.ofSeconds(30)));
            }
            Multi<byte[]> rows = repository.stream(filter, config.fetchRows())
                    .group()
                    .intoLists()
                    .of(CHUNK)
                    .map(events -> {
                        exported.increment(events.size());
                        return format.lines(events, json);
                    });
            Multi<byte[]> body = header == null
                    ? rows
                    : Multi.createBy()
                            .concatenating()
                            .streams(Multi.createFrom().item(header), rows);
            return body.onTermination().invoke(running::decrementAndGet);
        });
    }
}
