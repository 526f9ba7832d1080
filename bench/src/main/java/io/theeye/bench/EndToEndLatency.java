package io.theeye.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End to end: POSTs page views to ingest-service at a fixed rate of events, each in a fresh
 * session, one per request to /v1/events or BATCH per request to /v1/batch; the first event of
 * every PROBE_EVERY-th request is a probe whose session is then polled, from the moment ingest answered,
 * every POLL_MS in two ways side by side: through query-service's session timeline (analyst JWT)
 * and directly in PostgreSQL over JDBC (the baseline: the row is stored, the pipeline's own
 * latency). A probe's latency runs from its POST's due time (open loop, {@link
 * FixedRateSchedule}) to the end of the first poll that sees it, so both carry the same polling
 * granularity. Probes due in the first WARMUP seconds are not counted.
 *
 * <p>Usage: {@code EndToEndLatency INGEST_URL KEY QUERY_URL TOKEN JDBC_URL USER PASSWORD RATE
 * WARMUP_S DURATION_S PROBE_EVERY POLL_MS [BATCH]}: RATE in events per second, INGEST_URL the
 * /v1/batch endpoint when BATCH > 1. Prints one JSON line.
 */
public final class EndToEndLatency {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long PROBE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final HttpClient client;
    private final Vertx vertx;
    private final URI query;
    private final String token;
    private final long pollMillis;
    /**
     * Polls in flight at once on each side: 4 connections to query-service, 4 JDBC connections. A
     * probe has at most one poll in flight per side, so when the pipeline falls behind, polls
     * queue instead of multiplying, alike on both sides.
     */
    static final int POLLERS = 4;

    private final ScheduledExecutorService jdbcPollers = Executors.newScheduledThreadPool(POLLERS);
    private final ThreadLocal<PreparedStatement> jdbcPoll;
    private final Latencies viaQuery = new Latencies();
    private final Latencies viaDatabase = new Latencies();
    /**
     * query-service's own part: from the moment the row is in PostgreSQL (the JDBC poll saw it)
     * to query-service's first answer that shows it, asked at once and then every 10 ms, one
     * request per probe: no poll queue of the measurement's own in it.
     */
    private final Latencies queryAfterRow = new Latencies();

    private final AtomicLong missingViaQuery = new AtomicLong();
    private final AtomicLong missingViaDatabase = new AtomicLong();

    private EndToEndLatency(Vertx vertx, HttpClient client, URI query, String token, long pollMillis, String[] jdbc) {
        this.vertx = vertx;
        this.client = client;
        this.query = query;
        this.token = token;
        this.pollMillis = pollMillis;
        this.jdbcPoll = ThreadLocal.withInitial(() -> {
            try {
                Connection connection = DriverManager.getConnection(jdbc[0], jdbc[1], jdbc[2]);
                return connection.prepareStatement("SELECT 1 FROM events WHERE session_id = ? LIMIT 1");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static void main(String[] args) throws Exception {
        URI ingest = URI.create(args[0]);
        String key = args[1];
        double rate = Double.parseDouble(args[7]);
        double warmup = Double.parseDouble(args[8]);
        double duration = Double.parseDouble(args[9]);
        long probeEvery = Long.parseLong(args[10]);
        int batch = args.length > 12 ? Integer.parseInt(args[12]) : 1;
        double eventRate = rate;
        rate = eventRate / batch;
        Vertx vertx = Vertx.vertx();
        HttpClient client = FixedRateLoad.client(vertx, 256);
        EndToEndLatency probes = new EndToEndLatency(
                vertx,
                FixedRateLoad.client(vertx, POLLERS),
                URI.create(args[2]),
                args[3],
                Long.parseLong(args[11]),
                new String[] {args[4], args[5], args[6]});
        // A freshly started processor joins its group and warms up before it stores anything: wait
        // until one event has gone all the way, so the measurement starts with a flowing pipeline.
        double pipelineReady = probes.waitForPipeline(client, ingest, key, batch);
        Latencies posts = new Latencies();
        AtomicLong postErrors = new AtomicLong();
        long warmupRequests = (long) (warmup * rate);
        long total = (long) ((warmup + duration) * rate);
        long probeCount = (total - warmupRequests + probeEvery - 1) / probeEvery;
        // Two countdowns per counted probe (query and database), one per POST.
        CountDownLatch probesDone = new CountDownLatch((int) (2 * probeCount));
        CountDownLatch postsDone = new CountDownLatch((int) total);
        // Requests start on one event loop; the schedule's thread only hands them over.
        io.vertx.core.Context context = vertx.getOrCreateContext();
        FixedRateSchedule.run(
                rate,
                warmup + duration,
                (index, due) -> context.runOnContext(go -> {
                    UUID session = UUID.randomUUID();
                    boolean counted = index >= warmupRequests;
                    boolean probe = counted && (index - warmupRequests) % probeEvery == 0;
                    FixedRateLoad.post(client, ingest, key, Buffer.buffer(body(session, batch)))
                            .onComplete(result -> {
                                long now = System.nanoTime();
                                boolean accepted = result.succeeded() && result.result() == 202;
                                if (counted) {
                                    posts.record(now - due);
                                    if (!accepted) {
                                        postErrors.incrementAndGet();
                                    }
                                }
                                if (probe) {
                                    if (accepted) {
                                        probes.pollQuery(session, due, probesDone);
                                        probes.pollDatabase(session, due, probesDone);
                                    } else {
                                        probes.missingViaQuery.incrementAndGet();
                                        probes.missingViaDatabase.incrementAndGet();
                                        probesDone.countDown();
                                        probesDone.countDown();
                                    }
                                }
                                postsDone.countDown();
                            });
                }));
        postsDone.await(30, TimeUnit.SECONDS);
        probesDone.await(40, TimeUnit.SECONDS);
        System.out.printf(
                Locale.ROOT,
                "{\"offered_per_s\":%.1f,\"batch\":%d,\"pipeline_ready_s\":%.1f,\"seconds\":%.1f,\"posted\":%d,"
                        + "\"post_errors\":%d,\"probes\":%d,"
                        + "\"probe_every\":%d,\"poll_ms\":%d,\"missing_via_query\":%d,\"missing_via_db\":%d,"
                        + "%s,%s,%s,%s}%n",
                eventRate,
                batch,
                pipelineReady,
                duration,
                posts.count(),
                postErrors.get(),
                probeCount,
                probeEvery,
                probes.pollMillis,
                probes.missingViaQuery.get(),
                probes.missingViaDatabase.get(),
                probes.viaQuery.json("query_"),
                probes.viaDatabase.json("db_"),
                probes.queryAfterRow.json("query_after_row_"),
                posts.json("post_"));
        probes.jdbcPollers.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Posts one event and waits (up to 120 s) until PostgreSQL holds it; returns the seconds that took. */
    private double waitForPipeline(HttpClient client, URI ingest, String key, int batch) throws Exception {
        long start = System.nanoTime();
        UUID session = UUID.randomUUID();
        int status = FixedRateLoad.post(client, ingest, key, Buffer.buffer(body(session, batch)))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        if (status != 202) {
            throw new IllegalStateException("ingest answered " + status + " to the first event");
        }
        PreparedStatement statement = jdbcPollers.submit(jdbcPoll::get).get(30, TimeUnit.SECONDS);
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120)) {
            boolean stored = jdbcPollers
                    .submit(() -> {
                        statement.setObject(1, session);
                        try (ResultSet rows = statement.executeQuery()) {
                            return rows.next();
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
            if (stored) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("the first event was not stored within 120 s");
    }

    /** One event for /v1/events, or a batch for /v1/batch whose first event is in the given session. */
    private static String body(UUID session, int batch) {
        if (batch == 1) {
            return event(session);
        }
        StringBuilder body = new StringBuilder("{\"events\":[").append(event(session));
        for (int i = 1; i < batch; i++) {
            body.append(',').append(event(UUID.randomUUID()));
        }
        return body.append("]}").toString();
    }

    /** The seed page view in a fresh session, stamped now. */
    private static String event(UUID session) {
        return "{\"session_id\":\"" + session + "\",\"category\":\"page interaction\",\"name\":\"pageview\","
                + "\"data\":{\"host\":\"www.example.com\",\"path\":\"/\"},\"timestamp\":\""
                + TIMESTAMP.format(Instant.now()) + "\"}";
    }

    private void pollQuery(UUID session, long due, CountDownLatch done) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(query.getHost())
                .setPort(query.getPort())
                .setURI("/v1/sessions/" + session + "/events?limit=1")
                .setTimeout(10_000)
                .putHeader("Authorization", "Bearer " + token);
        Future<Boolean> seen = client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode() == 200 && stored(body)));
        seen.onComplete(result -> {
            long now = System.nanoTime();
            if (result.succeeded() && result.result()) {
                viaQuery.record(now - due);
                done.countDown();
            } else if (now - due > PROBE_TIMEOUT_NANOS) {
                missingViaQuery.incrementAndGet();
                done.countDown();
            } else {
                vertx.setTimer(pollMillis, id -> pollQuery(session, due, done));
            }
        });
    }

    /** Asks query-service for a probe PostgreSQL already holds, until it shows it; counts the probe done after. */
    private void askQueryOnceStored(UUID session, long rowSeen, CountDownLatch done) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(query.getHost())
                .setPort(query.getPort())
                .setURI("/v1/sessions/" + session + "/events?limit=1")
                .setTimeout(10_000)
                .putHeader("Authorization", "Bearer " + token);
        client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode() == 200 && stored(body)))
                .onComplete(result -> {
                    long now = System.nanoTime();
                    if (result.succeeded() && result.result()) {
                        queryAfterRow.record(now - rowSeen);
                        done.countDown();
                    } else if (now - rowSeen > PROBE_TIMEOUT_NANOS) {
                        done.countDown();
                    } else {
                        vertx.setTimer(10, id -> askQueryOnceStored(session, rowSeen, done));
                    }
                });
    }

    private static boolean stored(Buffer body) {
        try {
            return MAPPER.readTree(body.getBytes()).path("count").asLong() > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void pollDatabase(UUID session, long due, CountDownLatch done) {
        jdbcPollers.execute(() -> {
            boolean seen;
            try {
                PreparedStatement statement = jdbcPoll.get();
                statement.setObject(1, session);
                try (ResultSet rows = statement.executeQuery()) {
                    seen = rows.next();
                }
            } catch (SQLException e) {
                seen = false;
            }
            long now = System.nanoTime();
            if (seen) {
                viaDatabase.record(now - due);
                vertx.runOnContext(ignored -> askQueryOnceStored(session, now, done));
            } else if (now - due > PROBE_TIMEOUT_NANOS) {
                missingViaDatabase.incrementAndGet();
                done.countDown();
            } else {
                jdbcPollers.schedule(() -> pollDatabase(session, due, done), pollMillis, TimeUnit.MILLISECONDS);
            }
        });
    }
}
