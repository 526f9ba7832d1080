package io.theeye.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * wrk2's job, which Debian lacks: POSTs one body (a single event) at a fixed offered rate and
 * reports latency percentiles counted from each request's due time ({@link FixedRateSchedule}).
 * The generator first warms up for WARMUP seconds at the first rate (uncounted), then runs each
 * rate for DURATION seconds, up to 256 connections. Usage: {@code FixedRateLoad URL KEY BODY_FILE
 * WARMUP_S DURATION_S RATE...}. Prints one JSON line per rate.
 */
public final class FixedRateLoad {

    private FixedRateLoad() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String key = args[1];
        Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[2])));
        double warmup = Double.parseDouble(args[3]);
        double duration = Double.parseDouble(args[4]);
        Vertx vertx = Vertx.vertx();
        HttpClient client = client(vertx, 256);
        // A cold JVM cannot hold even 500 req/s: warm the generator (and its connections) first.
        run(client, vertx, url, key, body, Double.parseDouble(args[5]), warmup, true);
        for (int i = 5; i < args.length; i++) {
            System.out.println(run(client, vertx, url, key, body, Double.parseDouble(args[i]), duration, false));
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** One fixed-rate run; its JSON line. */
    private static String run(
            HttpClient client,
            Vertx vertx,
            URI url,
            String key,
            Buffer body,
            double rate,
            double seconds,
            boolean warmup)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong non2xx = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch((int) (seconds * rate));
        // Requests start on one event loop; the schedule's thread only hands them over.
        Context context = vertx.getOrCreateContext();
        FixedRateSchedule.run(
                rate,
                seconds,
                (index, due) ->
                        context.runOnContext(go -> post(client, url, key, body).onComplete(result -> {
                            if (result.failed()) {
                                if (failed.incrementAndGet() == 1) {
                                    System.err.println("first failure: " + result.cause());
                                }
                            } else {
                                latencies.record(System.nanoTime() - due);
                                if (result.result() / 100 != 2) {
                                    non2xx.incrementAndGet();
                                }
                            }
                            done.countDown();
                        })));
        boolean finished = done.await(30, TimeUnit.SECONDS);
        return String.format(
                Locale.ROOT,
                "{\"offered_per_s\":%.1f,\"seconds\":%.1f,\"requests\":%d,\"requests_per_s\":%.1f,\"non_2xx\":%d,"
                        + "\"errors\":%d,\"unfinished\":%d,\"worst_schedule_lateness_ms\":%.3f,%s}",
                rate,
                seconds,
                latencies.count(),
                latencies.count() / seconds,
                non2xx.get(),
                failed.get(),
                finished ? 0 : done.getCount(),
                FixedRateSchedule.worstLateness / 1e6,
                latencies.json(""));
    }

    /** A keep-alive HTTP/1.1 client with up to {@code connections} connections and an unbounded wait queue. */
    static HttpClient client(Vertx vertx, int connections) {
        return vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** POSTs the JSON body with the application key; completes with the status code. */
    static io.vertx.core.Future<Integer> post(HttpClient client, URI url, String key, Buffer body) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(url.getHost())
                .setPort(url.getPort())
                .setURI(url.getRawPath())
                .setTimeout(10_000)
                .putHeader("Content-Type", "application/json")
                .putHeader("Authorization", "Bearer " + key);
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }
}
