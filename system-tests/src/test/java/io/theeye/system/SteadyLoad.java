package io.theeye.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theeye.localstack.Fixtures;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts batches at a steady pace, as a well-behaved client would: every event carries its own
 * event_id, and a batch that is not answered 202 is retried with the same ids until it is.
 * Records what was sent, what ingest acknowledged, and how the failed attempts failed.
 * Bounded: it stops by itself.
 */
final class SteadyLoad implements AutoCloseable {

    private static final int BATCH = 20;
    private static final Duration RETRY_FOR = Duration.ofSeconds(60);

    private final URI batchUrl;
    private final String key;
    private final Duration pause;
    private final Set<UUID> sent = ConcurrentHashMap.newKeySet();
    private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final ConcurrentHashMap<Integer, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final AtomicLong slowestRefusalNanos = new AtomicLong();

    private SteadyLoad(URI batchUrl, String key, Duration pause) {
        this.batchUrl = batchUrl;
        this.key = key;
        this.pause = pause;
    }

    /** Starts posting batches of 20 events (one in ten invalid) every {@code pause}, one at a time. */
    static SteadyLoad start(URI batchUrl, String key, Duration pause) {
        return start(batchUrl, key, pause, 1);
    }

    /** The same with {@code senders} clients posting side by side, so requests are nearly always in flight. */
    static SteadyLoad start(URI batchUrl, String key, Duration pause, int senders) {
        SteadyLoad load = new SteadyLoad(batchUrl, key, pause);
        for (int i = 0; i < senders; i++) {
            load.threads.add(new Thread(load::run, "steady-load-" + i));
        }
        load.threads.forEach(Thread::start);
        return load;
    }

    Set<UUID> sent() {
        return Set.copyOf(sent);
    }

    Set<UUID> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Attempts that were not answered 202 and were sent again. */
    int retries() {
        return retries.get();
    }

    /** Attempts that got no HTTP answer at all (connection refused or cut). */
    int unanswered() {
        return unanswered.get();
    }

    /** Attempts answered with this status (other than 202). */
    int refusals(int status) {
        AtomicInteger count = refusals.get(status);
        return count == null ? 0 : count.get();
    }

    /** The longest time ingest took to answer anything but 202. */
    Duration slowestRefusal() {
        return Duration.ofNanos(slowestRefusalNanos.get());
    }

    /** Requests sent and not yet answered, at this moment. */
    int inFlight() {
        return inFlight.get();
    }

    /** One line for the test log: what was sent, acknowledged and retried, and how attempts failed. */
    String summary() {
        return String.format(
                "%d events sent, %d acknowledged; %d attempts retried (%d unanswered, refused %s, slowest refusal %d ms)",
                sent.size(),
                acknowledged.size(),
                retries.get(),
                unanswered.get(),
                refusals,
                slowestRefusal().toMillis());
    }

    private void run() {
        List<JsonNode> seeds = Fixtures.seedEvents();
        long n = 0;
        while (running.get()) {
            ArrayNode events = Http.MAPPER.createArrayNode();
            List<UUID> ids = new ArrayList<>(BATCH);
            UUID session = UUID.randomUUID();
            for (int i = 0; i < BATCH; i++, n++) {
                ObjectNode event = seeds.get((int) (n % seeds.size())).deepCopy();
                UUID id = UUID.randomUUID();
                event.put("event_id", id.toString());
                event.put("session_id", session.toString());
                event.put("timestamp", Instant.now().toString());
                if (n % 10 == 9) {
                    event.remove("data");
                }
                events.add(event);
                ids.add(id);
            }
            sent.addAll(ids);
            String body = Http.MAPPER.createObjectNode().set("events", events).toString();
            deliver(body);
            sleep(pause.toMillis());
        }
    }

    private void deliver(String body) {
        Instant giveUp = Instant.now().plus(RETRY_FOR);
        while (Instant.now().isBefore(giveUp)) {
            long started = System.nanoTime();
            inFlight.incrementAndGet();
            try {
                Http.Answer answer = Http.post(batchUrl, key, body);
                if (answer.status() == 202) {
                    answer.body().get("results").forEach(r -> {
                        if ("accepted".equals(r.get("status").asText())) {
                            acknowledged.add(UUID.fromString(r.get("event_id").asText()));
                        }
                    });
                    return;
                }
                refusals.computeIfAbsent(answer.status(), s -> new AtomicInteger())
                        .incrementAndGet();
                slowestRefusalNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
            } catch (RuntimeException ioError) {
                // ingest unreachable or gone mid-request: retry like a client would
                unanswered.incrementAndGet();
            } finally {
                inFlight.decrementAndGet();
            }
            retries.incrementAndGet();
            sleep(500);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the batches in flight, waiting at most a minute for them. */
    @Override
    public void close() {
        running.set(false);
        long deadline = System.nanoTime() + RETRY_FOR.plusSeconds(5).toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
