package io.theeye.ingest.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.theeye.contract.Problem;
import io.theeye.ingest.auth.ApplicationKeyStore;
import io.theeye.ingest.config.IngestConfig;
import io.theeye.ingest.messaging.RawEventPublisher;
import io.theeye.ingest.messaging.RawEventPublisher.Envelope;
import io.theeye.service.intake.BatchItem;
import io.theeye.service.intake.EventBodyReader;
import io.theeye.service.intake.IncomingEvent;
import io.theeye.service.intake.IntakeLimits;
import io.theeye.service.logging.OutageLog;
import io.theeye.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Accepts events: authenticates the application, reads the body, and answers only once Kafka
 * has acknowledged every accepted event, or with 503 when it does not within the bound.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    /** One line when Kafka starts refusing, one when it acknowledges again. */
    private final OutageLog kafka = new OutageLog(LOG);

    private final ApplicationKeyStore keys;
    private final EventBodyReader reader;
    private final EnvelopeWriter envelopeWriter;
    private final RawEventPublisher publisher;
    private final RateLimiter rateLimiter;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final Timer sendLatency;
    private final Counter unauthorized;
    private final Counter sendFailures;
    /** Accepted events per application, resolved once per application rather than per request. */
    private final Map<UUID, Counter> acceptedByApplication = new ConcurrentHashMap<>();

    IngestService(
            ApplicationKeyStore keys,
            ObjectMapper mapper,
            EnvelopeWriter envelopes,
            RawEventPublisher publisher,
            RateLimiter rateLimiter,
            IngestConfig config,
            MeterRegistry metrics) {
        this.keys = keys;
        this.reader = new EventBodyReader(
                mapper, new IntakeLimits(config.maxEventBytes(), config.maxRequestBytes(), config.maxBatchEvents()));
        this.envelopeWriter = envelopes;
        this.publisher = publisher;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.metrics = metrics;
        this.sendLatency = Timer.builder("eye.ingest.kafka.send")
                .description("Time from handing events to Kafka until acknowledged")
                .publishPercentileHistogram()
                .register(metrics);
        this.unauthorized = eventCounter("rejected", "unauthorized", "unknown");
        this.sendFailures = metrics.counter("eye.ingest.kafka.send.failures");
    }

    /** One event: its id once Kafka holds it. */
    public Uni<UUID> acceptOne(String authorization, byte[] body) {
        UUID applicationId = authenticate(authorization);
        IncomingEvent event;
        try {
            event = reader.readSingle(body);
        } catch (ProblemException e) {
            countRejected(applicationId, e.problem().code(), 1);
            throw e;
        }
        limitRate(applicationId, 1);
        return publish(applicationId, List.of(event)).replaceWith(event.eventId());
    }

    /** A batch: every item's outcome once Kafka holds all accepted ones. */
    public Uni<List<BatchItem>> acceptBatch(String authorization, byte[] body) {
        UUID applicationId = authenticate(authorization);
        List<BatchItem> items;
        try {
            items = reader.readBatch(body);
        } catch (ProblemException e) {
            countRejected(applicationId, e.problem().code(), 1);
            throw e;
        }
        List<IncomingEvent> accepted = new ArrayList<>(items.size());
        for (BatchItem item : items) {
            if (item.event() != null) {
                accepted.add(item.event());
            } else {
                countRejected(applicationId, item.rejection().code().wire(), 1);
            }
        }
        if (accepted.isEmpty()) {
            return Uni.createFrom().item(items);
        }
        limitRate(applicationId, accepted.size());
        return publish(applicationId, accepted).replaceWith(items);
    }

    private Uni<Void> publish(UUID applicationId, List<IncomingEvent> events) {
        Instant receivedAt = Instant.now();
        List<Envelope> envelopes = new ArrayList<>(events.size());
        for (IncomingEvent event : events) {
            envelopes.add(new Envelope(event.key(), envelopeWriter.write(event, applicationId, receivedAt)));
        }
        long started = System.nanoTime();
        // The producer's delivery timeout (eye.ingest.send-timeout) bounds the wait: no timer here.
        return publisher
                .publish(envelopes)
                .onItem()
                .invoke(() -> {
                    sendLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    if (kafka.failing()) {
                        kafka.worked("Kafka acknowledges events again");
                    }
                    acceptedByApplication
                            .computeIfAbsent(applicationId, id -> eventCounter("accepted", "none", id.toString()))
                            .increment(events.size());
                })
                .onFailure()
                .transform(failure -> unavailable(applicationId, events, failure));
    }

    /**
     * The 503 for events Kafka did not acknowledge. Not confirmed is not "not written": the producer
     * may have delivered some. The ids they were sent under let a retry be stored once.
     */
    private ProblemException unavailable(UUID applicationId, List<IncomingEvent> events, Throwable failure) {
        sendFailures.increment(events.size());
        countRejected(applicationId, "kafka_unavailable", events.size());
        String why = failure instanceof TimeoutException
                ? "Kafka did not acknowledge within " + config.sendTimeout().toMillis() + " ms"
                : "Kafka refused the events";
        // One line per outage, not one per request.
        kafka.failed(
                "%s%s; answering 503 until it acknowledges again",
                why, failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
        LOG.debugf(failure, "events not accepted: %s", why);
        return new ProblemException(
                Problem.of(
                                503,
                                "unavailable",
                                "Event log unavailable",
                                why + "; retry the request with the event_ids listed in events: an"
                                        + " event retried with its id is stored once")
                        .withEvents(events.stream()
                                .map(event -> new HandedOn(event.index(), event.eventId()))
                                .toList()),
                config.retryAfter());
    }

    /** An event handed to the producer before a 503: its place in the request and its id. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HandedOn(int index, UUID eventId) {}

    private UUID authenticate(String authorization) {
        String key = bearer(authorization);
        Optional<UUID> application = keys.authenticate(key, Instant.now());
        if (application.isEmpty() && !keys.isLoaded()) {
            // Just started and PostgreSQL not read yet: a 401 would make clients drop good events.
            countRejected(null, "keys_not_loaded", 1);
            throw new ProblemException(
                    Problem.of(
                            503,
                            "unavailable",
                            "Starting up",
                            "the application keys are not loaded yet; retry the request"),
                    config.retryAfter());
        }
        if (application.isEmpty()) {
            unauthorized.increment();
            throw new ProblemException(Problem.of(
                    401,
                    "unauthorized",
                    "Unknown application",
                    key == null
                            ? "send the application key as 'Authorization: Bearer <key>'"
                            : "the application key is unknown, disabled or expired"));
        }
        return application.get();
    }

    private void limitRate(UUID applicationId, int events) {
        rateLimiter.acquire(applicationId, events).ifPresent(wait -> {
            countRejected(applicationId, "rate_limited", events);
            throw new ProblemException(
                    Problem.of(
                            429, "rate_limited", "Too many events", "this application's event rate limit is reached"),
                    wait);
        });
    }

    private void countRejected(UUID applicationId, String reason, int events) {
        eventCounter("rejected", reason, applicationId == null ? "unknown" : applicationId.toString())
                .increment(events);
    }

    private Counter eventCounter(String outcome, String reason, String application) {
        return metrics.counter("eye.ingest.events", "outcome", outcome, "reason", reason, "application", application);
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8) {
            return null;
        }
        if (!authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
