package io.theeye.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sender thread's loop: takes the next batch from the queue and sends it until the server
 * settles it. 2xx and 400 with per-item results settle each item; 5xx, 429 and I/O errors resend
 * the same events (same ids, same timestamps, a new sent_at) after a backoff; any other answer
 * rejects the whole batch. Only {@link EventQueue#stop} ends a batch unsettled.
 */
final class BatchSender implements Runnable {

    private static final System.Logger LOG = System.getLogger(EyeClient.class.getName());

    private final EventQueue queue;
    private final EventWriter writer;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final URI batchUrl;
    private final String authorization;
    private final Duration requestTimeout;
    private final Backoff backoff;
    private final ClientCounters counters;
    private final Reporter reporter;

    BatchSender(
            EventQueue queue,
            EventWriter writer,
            HttpClient http,
            ObjectMapper mapper,
            ClientSettings settings,
            ClientCounters counters,
            Reporter reporter) {
        this.queue = queue;
        this.writer = writer;
        this.http = http;
        this.mapper = mapper;
        this.batchUrl = settings.batchUrl();
        this.authorization = "Bearer " + settings.applicationKey();
        this.requestTimeout = settings.requestTimeout();
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.counters = counters;
        this.reporter = reporter;
    }

    @Override
    public void run() {
        while (true) {
            Batch batch;
            try {
                batch = queue.nextBatch();
            } catch (InterruptedException stopped) {
                return;
            }
            if (batch == null) {
                return;
            }
            try {
                deliver(batch);
            } catch (InterruptedException stopped) {
                // Only close interrupts a sender, once its timeout passed: what is unsettled is lost to us.
                reporter.abandoned(batch.events());
                return;
            } catch (RuntimeException unexpected) {
                LOG.log(Level.ERROR, "batch of " + batch.size() + " events not delivered", unexpected);
                reporter.abandoned(batch.events());
            } finally {
                queue.settle(batch);
            }
        }
    }

    private void deliver(Batch batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                counters.retries.increment();
            }
            Outcome outcome = attempt(batch);
            if (outcome.settled()) {
                return;
            }
            if (queue.isStopped()) {
                throw new InterruptedException("client stopped");
            }
            Duration wait = backoff.delay(attempt, outcome.retryAfter());
            LOG.log(Level.DEBUG, "resending {0} events in {1} ms", batch.size(), wait.toMillis());
            Thread.sleep(wait.toMillis());
        }
    }

    /**
     * What one request came to.
     *
     * @param settled every event of the batch is acknowledged or rejected
     * @param retryAfter when unsettled, the server's Retry-After, if it sent one
     */
    private record Outcome(boolean settled, Optional<Duration> retryAfter) {

        static final Outcome SETTLED = new Outcome(true, Optional.empty());

        static Outcome retry(Optional<Duration> retryAfter) {
            return new Outcome(false, retryAfter);
        }
    }

    /** One request. */
    private Outcome attempt(Batch batch) throws InterruptedException {
        Instant sentAt = Instant.now();
        HttpRequest request = HttpRequest.newBuilder(batchUrl)
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(writer.batchBody(batch.events(), sentAt)))
                .build();
        counters.requests.increment();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // Refused, reset or timed out: the server may or may not have taken the events; resending
            // them with the same ids is safe either way.
            LOG.log(Level.DEBUG, "sending " + batch.size() + " events failed: " + e);
            return Outcome.retry(Optional.empty());
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            LOG.log(Level.DEBUG, "ingest answered {0}; will resend {1} events", status, batch.size());
            return Outcome.retry(Backoff.retryAfter(response.headers().firstValue("Retry-After"), Instant.now()));
        }
        JsonNode body = readJson(response.body());
        if ((status / 100 == 2 || status == 400)
                && body != null
                && body.path("results").isArray()) {
            settleItems(batch, status, body);
        } else if (status / 100 == 2) {
            counters.acknowledged.add(batch.size());
        } else {
            rejectAll(batch, status, body);
        }
        return Outcome.SETTLED;
    }

    private void settleItems(Batch batch, int status, JsonNode body) {
        BatchAnswer answer = mapper.convertValue(body, BatchAnswer.class);
        Map<Integer, BatchAnswer.ItemResult> byIndex = new HashMap<>();
        for (BatchAnswer.ItemResult result : answer.results()) {
            byIndex.put(result.index(), result);
        }
        List<PendingEvent> events = batch.events();
        for (int i = 0; i < events.size(); i++) {
            BatchAnswer.ItemResult result = byIndex.get(i);
            if (result == null) {
                // Not mentioned: a 2xx means Kafka holds the batch; a 400 means none of it was taken.
                if (status / 100 == 2) {
                    counters.acknowledged.increment();
                } else {
                    reporter.rejected(events.get(i), status, "rejected", "", "the server gave no reason");
                }
            } else if (result.isAccepted()) {
                counters.acknowledged.increment();
            } else {
                BatchAnswer.ItemError error = result.error();
                reporter.rejected(
                        events.get(i),
                        status,
                        error == null ? "rejected" : error.code(),
                        error == null || error.path() == null ? "" : error.path(),
                        error == null ? "the server gave no reason" : error.message());
            }
        }
    }

    private void rejectAll(Batch batch, int status, JsonNode body) {
        ProblemAnswer problem =
                body == null || !body.isObject() ? null : mapper.convertValue(body, ProblemAnswer.class);
        String code = problem != null && problem.code() != null ? problem.code() : "http_" + status;
        String message = problem == null
                ? "ingest answered " + status
                : problem.detail() != null ? problem.detail() : problem.title();
        LOG.log(Level.WARNING, "ingest refused {0} events with {1} ({2}): {3}", batch.size(), status, code, message);
        for (PendingEvent event : batch.events()) {
            reporter.rejected(event, status, code, "", message);
        }
    }

    private JsonNode readJson(byte[] body) {
        try {
            return body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
