package io.theeye.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.localstack.JwtIssuer;
import io.theeye.localstack.LocalStack;
import io.theeye.localstack.ServiceProcess;
import io.theeye.localstack.StackOptions;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A day of one million stored events exported through the packaged query-service with gzip, as
 * {@code curl | gunzip | jq} would take it: its resident memory stays under the limit while it
 * streams, and the NDJSON parses and is the table, row for row, in order.
 */
class ExportMemoryTest {

    private static final int EVENTS = 1_000_000;
    private static final Instant DAY = Instant.parse("2020-06-01T00:00:00Z");
    /** The services run with -Xmx256m (ServiceProcess): the heap, plus as much again for everything else. */
    private static final long RSS_LIMIT_MIB = 512;

    private static final UUID APPLICATION = UUID.randomUUID();

    private static LocalStack stack;
    private static JwtIssuer jwt;
    private static ServiceProcess query;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("eye-export");
        stack = LocalStack.start(StackOptions.forTests(data, true));
        jwt = JwtIssuer.inDirectory(data.resolve("jwt"));
        query = ServiceProcess.of("query-service", stack.endpoints(), RunningEye.jwtEnvironment(jwt))
                .start();
        long started = System.nanoTime();
        fillTheDay();
        System.out.println(
                "EXPORT: " + EVENTS + " events stored in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        query.awaitReady(RunningEye.READY_WITHIN);
    }

    @AfterAll
    static void stop() {
        if (query != null) {
            query.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void exportsAMillionEventsInBoundedMemoryAndTheOutputIsTheTable() throws Exception {
        Path file = Files.createTempFile("eye-export", ".ndjson.gz");
        long before = ResidentMemory.nowMib(query.pid());
        long started = System.nanoTime();
        long peak;
        try (ResidentMemory rss = ResidentMemory.sample(query.pid(), 50)) {
            HttpResponse<InputStream> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(query.url("/v1/export?from=" + DAY + "&to="
                                            + DAY.plus(Duration.ofDays(1)) + "&application=" + APPLICATION))
                                    .header("Authorization", "Bearer " + token())
                                    .header("Accept-Encoding", "gzip")
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Encoding")).hasValue("gzip");
            try (InputStream body = answer.body()) {
                Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            }
            peak = rss.peakMib();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        long[] compared = compareWithTable(file);
        System.out.printf(
                "EXPORT: %d events, %d MiB gzip in %d ms; query-service resident memory %d MiB before, peak %d MiB"
                        + " (limit %d MiB, -Xmx256m); checksum %08x%n",
                compared[0], Files.size(file) >> 20, millis, before, peak, RSS_LIMIT_MIB, compared[1]);
        assertThat(compared[0]).isEqualTo(EVENTS);
        assertThat(peak)
                .as("query-service's resident memory while exporting, MiB")
                .isLessThan(RSS_LIMIT_MIB);
        Files.delete(file);
    }

    /**
     * Reads the export and the table side by side, in the listing's order: each line must parse and
     * be the row (id and data). Answers the count and a CRC32 over ids and data as written.
     */
    private static long[] compareWithTable(Path file) throws Exception {
        CRC32 checksum = new CRC32();
        long count = 0;
        try (Connection connection = connect();
                PreparedStatement rows = connection.prepareStatement(
                        "SELECT event_id::text, data::text FROM events WHERE application_id = ? AND occurred_at >= ?"
                                + " AND occurred_at < ? ORDER BY occurred_at, kafka_partition, kafka_offset");
                BufferedReader lines = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            connection.setAutoCommit(false);
            rows.setFetchSize(10_000);
            rows.setObject(1, APPLICATION);
            rows.setTimestamp(2, Timestamp.from(DAY));
            rows.setTimestamp(3, Timestamp.from(DAY.plus(Duration.ofDays(1))));
            try (ResultSet table = rows.executeQuery()) {
                String line;
                while ((line = lines.readLine()) != null) {
                    JsonNode exported = Http.MAPPER.readTree(line);
                    assertThat(table.next()).as("a row for line " + (count + 1)).isTrue();
                    assertThat(exported.get("event_id").asText()).isEqualTo(table.getString(1));
                    assertThat(exported.get("data")).isEqualTo(Http.MAPPER.readTree(table.getString(2)));
                    checksum.update((exported.get("event_id").asText() + exported.get("data"))
                            .getBytes(StandardCharsets.UTF_8));
                    count++;
                }
                assertThat(table.next()).as("rows the export left out").isFalse();
            }
        }
        return new long[] {count, checksum.getValue()};
    }

    /**
     * One day of events in a partition of its own, built as the benchmark's loader builds one: a
     * table filled by one INSERT ... SELECT, then attached (its indexes built in bulk).
     */
    private static void fillTheDay() throws Exception {
        try (Connection connection = connect();
                Statement sql = connection.createStatement();
                PreparedStatement fill = connection.prepareStatement("""
                        INSERT INTO events_p20200601 (event_id, application_id, session_id, category, name, data,
                                                      occurred_at, received_at, kafka_partition, kafka_offset,
                                                      schema_version)
                        SELECT gen_random_uuid(), ?, md5((i / 20)::text)::uuid,
                               CASE WHEN i % 10 = 9 THEN 'form interaction' ELSE 'page interaction' END,
                               CASE WHEN i % 10 = 9 THEN 'submit' WHEN i % 10 > 6 THEN 'cta click' ELSE 'pageview' END,
                               jsonb_build_object('host', 'shop.example.com', 'path', '/products/' || (i % 500)),
                               ?::timestamptz + (i * 0.0864) * interval '1 second',
                               ?::timestamptz + (i * 0.0864 + 0.15) * interval '1 second', i % 12, i, 1
                        FROM generate_series(0, ? - 1) AS i
                        """)) {
            sql.execute("SET synchronous_commit = off");
            sql.execute("CREATE TABLE events_p20200601 (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
            fill.setObject(1, APPLICATION);
            fill.setTimestamp(2, Timestamp.from(DAY));
            fill.setTimestamp(3, Timestamp.from(DAY));
            fill.setInt(4, EVENTS);
            fill.execute();
            sql.execute("ALTER TABLE events ATTACH PARTITION events_p20200601"
                    + " FOR VALUES FROM ('2020-06-01 00:00:00+00') TO ('2020-06-02 00:00:00+00')");
            sql.execute("ANALYZE events_p20200601");
        }
    }

    private static Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection(
                stack.endpoints().jdbcUrl(),
                stack.endpoints().username(),
                stack.endpoints().password());
    }

    private static String token() {
        return jwt.token("export-test-analyst", "analyst", Duration.ofMinutes(30));
    }
}
