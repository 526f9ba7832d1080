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

/**
 * Posts batches at a steady pace, as a well-behaved client would: every event carries its own
 * event_id, and a batch that is not answered 202 is retried with the same ids until it is.
 * Records what was sent and what ingest acknowledged. Bounded: it stops by itself.
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
    private final Thread thread;
    private volatile int retries;

    private SteadyLoad(URI batchUrl, String key, Duration pause) {
        this.batchUrl = batchUrl;
        this.key = key;
        this.pause = pause;
        this.thread = new Thread(this::run, "steady-load");
    }

    /** Starts posting batches of 20 events (one in ten invalid) every {@code pause}. */
    static SteadyLoad start(URI batchUrl, String key, Duration pause) {
        SteadyLoad load = new SteadyLoad(batchUrl, key, pause);
        load.thread.start();
        return load;
    }

    Set<UUID> sent() {
        return Set.copyOf(sent);
    }

    Set<UUID> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int retries() {
        return retries;
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
            deliver(body, ids);
            sleep(pause.toMillis());
        }
    }

    private void deliver(String body, List<UUID> ids) {
        Instant giveUp = Instant.now().plus(RETRY_FOR);
        while (Instant.now().isBefore(giveUp)) {
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
            } catch (RuntimeException ioError) {
                // ingest unreachable: retry like a client would
            }
            retries++;
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

    /** Stops after the batch in flight, waiting at most a minute for it. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(RETRY_FOR.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
