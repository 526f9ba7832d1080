package io.theeye.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thirty slow live viewers while the pipeline runs under steady load: the pipeline stores events at
 * the same order of rate as without them, query-service's memory stays bounded, the slow viewers
 * are dropped or refused (and say so), and a viewer that keeps up sees the posted events live.
 */
class LiveViewersUnderLoadTest {

    private static final Duration PHASE = Duration.ofSeconds(20);
    private static final int SLOW_VIEWERS = 30;
    /** The services run with -Xmx256m (ServiceProcess): the heap, plus as much again for everything else. */
    private static final long RSS_LIMIT_MIB = 512;

    private static RunningEye eye;

    @BeforeAll
    static void start() {
        eye = RunningEye.start();
    }

    @AfterAll
    static void stop() {
        if (eye != null) {
            eye.close();
        }
    }

    @Test
    void manySlowViewersLeaveThePipelinesThroughputAndQuerysMemoryAlone() throws Exception {
        RegisteredApplication app = eye.application("live-under-load");
        Set<UUID> seenLive = ConcurrentHashMap.newKeySet();
        try (SteadyLoad load = SteadyLoad.start(eye.ingest.url("/v1/batch"), app.key(), Duration.ofMillis(20), 2);
                FastViewer fast = FastViewer.open(
                        eye.query.url("/v1/live?application=" + app.id()), eye.analystToken(), seenLive)) {
            Thread.sleep(5_000);
            double without = storedPerSecond(app.id(), PHASE);
            long rssWithout = ResidentMemory.nowMib(eye.query.pid());
            int seenBefore = seenLive.size();

            double with;
            long peak;
            SlowViewers slow;
            try (ResidentMemory rss = ResidentMemory.sample(eye.query.pid(), 100);
                    SlowViewers viewers =
                            SlowViewers.start(eye.query.url("/v1/live"), eye.analystToken(), SLOW_VIEWERS)) {
                slow = viewers;
                with = storedPerSecond(app.id(), PHASE);
                peak = rss.peakMib();
            }
            load.close();
            double droppedSlow = metric("eye_query_live_viewers_dropped_total{reason=\"slow\"");
            System.out.printf(
                    "LIVE UNDER LOAD: stored %.0f events/s without viewers, %.0f/s with %d slow viewers (%.2fx);"
                            + " query-service resident memory %d MiB before, peak %d MiB (limit %d MiB);"
                            + " slow viewers connected %d times, refused %d (503), ended by the server %d (told why %d),"
                            + " dropped as slow (metric) %.0f; the fast viewer saw %d events live (%d during the slow phase)%n",
                    without,
                    with,
                    SLOW_VIEWERS,
                    with / without,
                    rssWithout,
                    peak,
                    RSS_LIMIT_MIB,
                    slow.connected(),
                    slow.refused(),
                    slow.ended(),
                    slow.toldDropped(),
                    droppedSlow,
                    seenLive.size(),
                    seenLive.size() - seenBefore);

            assertThat(without).as("events stored per second without viewers").isGreaterThan(50);
            assertThat(with).as("events stored per second with slow viewers").isGreaterThan(without * 0.5);
            assertThat(peak).as("query-service's resident memory, MiB").isLessThan(RSS_LIMIT_MIB);
            assertThat(slow.refused())
                    .as("viewers beyond the instance's maximum (20) refused")
                    .isPositive();
            assertThat(droppedSlow).as("slow viewers dropped").isPositive();
            assertThat(seenLive.size() - seenBefore)
                    .as("posted events the fast viewer saw live while the slow ones crowded the server")
                    .isGreaterThan(100);
            assertThat(load.sent()).as("everything seen live was posted").containsAll(seenLive);
        }
    }

    /** Events of the application stored (valid or invalid) per second over the period. */
    private static double storedPerSecond(UUID application, Duration period) throws Exception {
        long before = stored(application);
        long started = System.nanoTime();
        Thread.sleep(period.toMillis());
        long after = stored(application);
        return (after - before) / ((System.nanoTime() - started) / 1e9);
    }

    private static long stored(UUID application) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        eye.stack.endpoints().jdbcUrl(),
                        eye.stack.endpoints().username(),
                        eye.stack.endpoints().password());
                PreparedStatement count =
                        connection.prepareStatement("SELECT (SELECT count(*) FROM events WHERE application_id = ?)"
                                + " + (SELECT count(*) FROM invalid_events WHERE application_id = ?)")) {
            count.setObject(1, application);
            count.setObject(2, application);
            ResultSet row = count.executeQuery();
            row.next();
            return row.getLong(1);
        }
    }

    /** The sum of a metric's samples on query-service's management port whose line starts so. */
    private static double metric(String prefix) {
        return Http.get(eye.query.managementUrl("/q/metrics"), "")
                .text()
                .lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** A viewer that reads as fast as events come and collects the event ids it sees, reconnecting if ended. */
    private static final class FastViewer implements AutoCloseable {

        private final Thread thread;
        private volatile boolean running = true;
        private volatile InputStream current;

        private FastViewer(URI url, String token, Set<UUID> seen) {
            thread = new Thread(() -> read(url, token, seen), "fast-viewer");
            thread.setDaemon(true);
            thread.start();
        }

        static FastViewer open(URI url, String token, Set<UUID> seen) {
            return new FastViewer(url, token, seen);
        }

        private void read(URI url, String token, Set<UUID> seen) {
            HttpClient client = HttpClient.newHttpClient();
            while (running) {
                try {
                    HttpResponse<InputStream> answer = client.send(
                            HttpRequest.newBuilder(url)
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    current = answer.body();
                    try (BufferedReader lines =
                            new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            if (line.startsWith("data:{\"schema\"") || line.startsWith("data:{\"event_id\"")) {
                                seen.add(UUID.fromString(Http.MAPPER
                                        .readTree(line.substring(5))
                                        .get("event_id")
                                        .asText()));
                            }
                        }
                    }
                } catch (IOException e) {
                    // reconnect
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            running = false;
            try {
                InputStream in = current;
                if (in != null) {
                    in.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            thread.interrupt();
        }
    }
}
