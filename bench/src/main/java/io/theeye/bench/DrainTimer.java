package io.theeye.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

/**
 * Times a drain from the moment processor-service was launched: when it reports ready, when the
 * first event is stored, and when all N are stored (valid or invalid). The drain runs from the
 * earlier of ready and first stored (it may consume before it reports ready) to the last. Usage: {@code DrainTimer JDBC_URL USER PASSWORD
 * BEFORE N READY_URL TIMEOUT_S}. Prints one JSON line; exits 1 on timeout.
 */
public final class DrainTimer {

    private DrainTimer() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        long before = Long.parseLong(args[3]);
        long count = Long.parseLong(args[4]);
        URI ready = URI.create(args[5]);
        long deadline = start + Duration.ofSeconds(Long.parseLong(args[6])).toNanos();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long readyAt = -1;
        long firstAt = -1;
        long stored = 0;
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            while (System.nanoTime() < deadline) {
                if (readyAt < 0 && isReady(http, ready)) {
                    readyAt = System.nanoTime();
                }
                stored = RawTopicFiller.storedEvents(connection) - before;
                if (firstAt < 0 && stored > 0) {
                    firstAt = System.nanoTime();
                }
                if (stored >= count && readyAt >= 0) {
                    double total = (System.nanoTime() - start) / 1e9;
                    double readySeconds = (readyAt - start) / 1e9;
                    double drainStart = (Math.min(readyAt, firstAt) - start) / 1e9;
                    System.out.printf(
                            "{\"events\":%d,\"ready_s\":%.3f,\"first_stored_s\":%.3f,\"stored_s\":%.3f,"
                                    + "\"drain_s\":%.3f,\"events_per_s\":%.1f}%n",
                            count,
                            readySeconds,
                            (firstAt - start) / 1e9,
                            total,
                            total - drainStart,
                            count / (total - drainStart));
                    return;
                }
                Thread.sleep(100);
            }
        }
        System.out.printf("{\"error\":\"timeout\",\"stored\":%d,\"events\":%d}%n", stored, count);
        System.exit(1);
    }

    private static boolean isReady(HttpClient http, URI ready) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(ready)
                                            .timeout(Duration.ofSeconds(1))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
