package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.localstack.LocalStackTestResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /v1/export: the table's rows, streamed in order, as NDJSON, CSV or gzip, within its bounds. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ExportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant DAY = Instant.parse("2021-03-01T00:00:00Z");
    /** More than two chunks of the answer, so that chunk boundaries are crossed. */
    private static final int EVENTS = 1_234;

    @TestHTTPResource("/v1/export")
    URL export;

    private final String analyst = Tokens.analyst();
    private UUID application;

    /** An application of its own with events through one day, in shuffled arrival, and one just outside. */
    @BeforeEach
    void storeEvents() {
        application = UUID.randomUUID();
        List<StoredEventRows.Row> rows = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            rows.add(StoredEventRows.Row.of(
                    application,
                    UUID.randomUUID(),
                    i % 7 == 0 ? "form, \"interaction\"" : "page interaction",
                    "n" + (i % 3),
                    DAY.plusSeconds(i * 60L % 86_400),
                    i % 12,
                    i));
        }
        rows.add(StoredEventRows.Row.of(
                application, UUID.randomUUID(), "page interaction", "late", DAY.plusSeconds(86_400), 0, 0));
        new StoredEventRows().insertAll(rows);
    }

    @Test
    void streamsTheRangesEventsInTheListingsOrderAsNdjsonLikeTheTableHasThem() throws Exception {
        String body = exportAs(Map.of(), "format", "ndjson");

        List<String> lines = body.lines().toList();
        assertThat(body).endsWith("\n").doesNotContain("\n\n");
        assertThat(lines).hasSize(EVENTS);
        List<Map<String, Object>> table = TestDatabase.rows(
                "SELECT event_id::text AS id, data::text AS data FROM events WHERE application_id = ? AND occurred_at >= ?"
                        + " AND occurred_at < ? ORDER BY occurred_at, kafka_partition, kafka_offset",
                application,
                java.sql.Timestamp.from(DAY),
                java.sql.Timestamp.from(DAY.plusSeconds(86_400)));
        for (int i = 0; i < EVENTS; i++) {
            JsonNode event = MAPPER.readTree(lines.get(i));
            assertThat(event.get("event_id").asText()).isEqualTo(table.get(i).get("id"));
            assertThat(event.get("data"))
                    .isEqualTo(MAPPER.readTree((String) table.get(i).get("data")));
        }
    }

    @Test
    void writesCsvWithAHeaderAndQuotesWhatNeedsIt() {
        String body = exportAs(Map.of("Accept", "text/csv"), "category", "form, \"interaction\"");

        List<String> lines = body.lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("event_id,application_id,session_id,category,name,timestamp,corrected_at,received_at,"
                        + "schema_version,data");
        assertThat(lines).hasSize(1 + (EVENTS + 6) / 7);
        assertThat(lines.get(1))
                .contains(",\"form, \"\"interaction\"\"\",")
                .endsWith(",1,\"{\"\"host\"\": \"\"www.example.com\"\", \"\"path\"\": \"\"/\"\"}\"");
    }

    @Test
    void compressesWithGzipWhenAsked() throws Exception {
        HttpResponse<InputStream> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri(Map.of()))
                                .header("Authorization", "Bearer " + analyst)
                                .header("Accept-Encoding", "gzip")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        try (InputStream unzipped = new GZIPInputStream(answer.body())) {
            assertThat(new String(unzipped.readAllBytes(), StandardCharsets.UTF_8).lines())
                    .hasSize(EVENTS);
        }
    }

    @Test
    void needsABoundedRangeAndKnownParameters() {
        for (String query : List.of(
                "to=2021-03-02T00:00:00Z",
                "from=2021-03-01T00:00:00Z",
                "from=2021-03-01T00:00:00Z&to=2021-04-02T00:00:01Z",
                "from=2021-03-02T00:00:00Z&to=2021-03-01T00:00:00Z",
                "from=2021-03-01T00:00:00Z&to=2021-03-02T00:00:00Z&format=xml",
                "from=2021-03-01T00:00:00Z&to=2021-03-02T00:00:00Z&session_id=x")) {
            given().auth()
                    .oauth2(analyst)
                    .urlEncodingEnabled(false)
                    .when()
                    .get("/v1/export?" + query)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void streamsAtMostItsMaximumOfExportsAtOnce() throws Exception {
        UUID big = UUID.randomUUID();
        TestDatabase.update(
                "INSERT INTO events (event_id, application_id, session_id, category, name, data, occurred_at,"
                        + " received_at, kafka_partition, kafka_offset, schema_version)"
                        + " SELECT gen_random_uuid(), ?, gen_random_uuid(), 'bulk', 'n', jsonb_build_object('pad', repeat('x', 500)),"
                        + " ?::timestamptz + i * interval '1 second', now(), 0, i, 1 FROM generate_series(1, 40000) i",
                big,
                java.sql.Timestamp.from(DAY.minusSeconds(86_400)));
        List<Socket> stalled = new ArrayList<>();
        try {
            // Two clients that read nothing hold the two exports of this instance (test setting).
            for (int i = 0; i < 2; i++) {
                stalled.add(stalledClient("from=2021-02-28T00:00:00Z&to=2021-03-01T00:00:00Z&application=" + big));
            }
            Thread.sleep(1_000);
            given().auth()
                    .oauth2(analyst)
                    .when()
                    .get("/v1/export?from=2021-03-01T00:00:00Z&to=2021-03-02T00:00:00Z")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .contentType("application/problem+json");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void needsAnAnalystOrAdminToken() {
        given().when()
                .get("/v1/export?from=2021-03-01T00:00:00Z&to=2021-03-02T00:00:00Z")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(Tokens.stranger())
                .when()
                .get("/v1/export?from=2021-03-01T00:00:00Z&to=2021-03-02T00:00:00Z")
                .then()
                .statusCode(403);
    }

    private String exportAs(Map<String, String> headers, String... parameters) {
        var request = given().auth()
                .oauth2(analyst)
                .headers(headers)
                .queryParam("from", DAY.toString())
                .queryParam("to", DAY.plusSeconds(86_400).toString())
                .queryParam("application", application.toString());
        for (int i = 0; i < parameters.length; i += 2) {
            request = request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.when().get("/v1/export").then().statusCode(200).extract().asString();
    }

    private URI uri(Map<String, String> more) {
        StringBuilder query =
                new StringBuilder("?from=" + DAY + "&to=" + DAY.plusSeconds(86_400) + "&application=" + application);
        more.forEach((k, v) -> query.append('&').append(k).append('=').append(v));
        return URI.create(export + query.toString());
    }

    /** Starts an export and reads nothing of it. */
    private Socket stalledClient(String query) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(export.getHost(), export.getPort()), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + export.getPath() + "?" + query + " HTTP/1.1\r\nHost: " + export.getHost()
                        + "\r\nAuthorization: Bearer " + analyst + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
