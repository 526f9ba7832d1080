package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.localstack.LocalStackTestResource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /v1/live against real Kafka: what a viewer sees, what it may filter, and the bounds that protect the others. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class LiveTest {

    private static final Duration SEEN_WITHIN = Duration.ofSeconds(20);

    @TestHTTPResource("/v1/live")
    URL live;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private final String analyst = Tokens.analyst();

    @Test
    void streamsEachDecidedEventOnceWithItsKindIdAndRecordAfterAStatus() throws Exception {
        String category = unique("live");
        UUID application = UUID.randomUUID();
        try (LiveStream stream = open("category=" + encode(category), null);
                DecidedTopicWriter topics = new DecidedTopicWriter()) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            JsonNode status = json(stream.next("status", SEEN_WITHIN));
            assertThat(status.get("resumed").isNull()).isTrue();
            assertThat(status.get("max_viewers").asInt()).isEqualTo(6);

            UUID valid = topics.valid(application, category, "pageview", Map.of("path", "/"));
            UUID invalid = topics.invalid(application, category, "pageview", "schema_violation");

            LiveStream.Message first = stream.next("valid", SEEN_WITHIN);
            assertThat(first.id()).matches("eye\\.events\\.valid:\\d+:\\d+");
            assertThat(json(first).get("event_id").asText()).isEqualTo(valid.toString());
            assertThat(json(first).at("/data/path").asText()).isEqualTo("/");
            LiveStream.Message second = stream.next("invalid", SEEN_WITHIN);
            assertThat(second.id()).matches("eye\\.events\\.invalid:\\d+:\\d+");
            assertThat(json(second).get("event_id").asText()).isEqualTo(invalid.toString());
        }
    }

    @Test
    void showsOnlyWhatMatchesEveryFilterAndACodeOnlyInInvalidEvents() throws Exception {
        String category = unique("filters");
        UUID application = UUID.randomUUID();
        String query = "category=" + encode(category) + "&application=" + application + "&code=invalid_timestamp";
        try (LiveStream stream = open(query, null);
                DecidedTopicWriter topics = new DecidedTopicWriter()) {
            stream.next("status", SEEN_WITHIN);
            topics.valid(application, category, "pageview", Map.of());
            topics.invalid(application, category, "pageview", "schema_violation");
            topics.invalid(UUID.randomUUID(), category, "pageview", "invalid_timestamp");
            topics.invalid(application, "another " + category, "pageview", "invalid_timestamp");
            UUID wanted = topics.invalid(application, category, "submit", "invalid_timestamp");

            LiveStream.Message only =
                    stream.next(m -> !m.isComment() && !m.event().equals("status"), SEEN_WITHIN);
            assertThat(json(only).get("event_id").asText()).isEqualTo(wanted.toString());
        }
        try (LiveStream stream = open("name=submit&kind=valid&category=" + encode(category), null);
                DecidedTopicWriter topics = new DecidedTopicWriter()) {
            stream.next("status", SEEN_WITHIN);
            topics.invalid(application, category, "submit", "schema_violation");
            UUID wanted = topics.valid(application, category, "submit", Map.of());

            LiveStream.Message only =
                    stream.next(m -> !m.isComment() && !m.event().equals("status"), SEEN_WITHIN);
            assertThat(json(only).get("event_id").asText()).isEqualTo(wanted.toString());
        }
    }

    @Test
    void aViewerWhoReconnectsWithLastEventIdGetsWhatItMissedWhileTheServerHoldsIt() throws Exception {
        String category = unique("resume");
        UUID application = UUID.randomUUID();
        String lastSeen;
        try (DecidedTopicWriter topics = new DecidedTopicWriter()) {
            try (LiveStream stream = open("category=" + encode(category), null)) {
                stream.next("status", SEEN_WITHIN);
                topics.valid(application, category, "a", Map.of());
                lastSeen = stream.next("valid", SEEN_WITHIN).id();
            }
            UUID missedOne = topics.valid(application, category, "b", Map.of());
            UUID missedTwo = topics.invalid(application, category, "c", "schema_violation");
            // The consumer has read them once another viewer sees a later event.
            try (LiveStream other = open("category=" + encode(category) + "&name=d", null)) {
                other.next("status", SEEN_WITHIN);
                topics.valid(application, category, "d", Map.of());
                other.next("valid", SEEN_WITHIN);
            }

            try (LiveStream resumed = open("category=" + encode(category), lastSeen)) {
                assertThat(json(resumed.next("status", SEEN_WITHIN))
                                .get("resumed")
                                .asBoolean())
                        .isTrue();
                assertThat(json(resumed.next("valid", SEEN_WITHIN))
                                .get("event_id")
                                .asText())
                        .isEqualTo(missedOne.toString());
                assertThat(json(resumed.next("invalid", SEEN_WITHIN))
                                .get("event_id")
                                .asText())
                        .isEqualTo(missedTwo.toString());
            }
            try (LiveStream unknown = open("category=" + encode(category), "eye.events.valid:0:999999999")) {
                assertThat(json(unknown.next("status", SEEN_WITHIN))
                                .get("resumed")
                                .asBoolean())
                        .as("an id no longer held: events may have been missed")
                        .isFalse();
            }
        }
    }

    @Test
    void sendsAHeartbeatWhenNothingHappens() {
        try (LiveStream stream = open("category=" + encode(unique("quiet")), null)) {
            stream.next("status", SEEN_WITHIN);
            assertThat(stream.next(LiveStream.Message::isComment, Duration.ofSeconds(6))
                            .fields()
                            .get(":"))
                    .isEqualTo("heartbeat");
        }
    }

    @Test
    void refusesOneViewerMoreThanItsMaximumWithA503() {
        List<LiveStream> streams = new ArrayList<>();
        try {
            LiveStream refused = null;
            for (int i = 0; i < 10 && refused == null; i++) {
                LiveStream stream = open("category=" + encode(unique("crowd")), null);
                streams.add(stream);
                if (stream.status() == 503) {
                    refused = stream;
                } else {
                    stream.next("status", SEEN_WITHIN);
                }
            }
            assertThat(refused).as("a viewer beyond the maximum").isNotNull();
            assertThat(refused.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.response().headers().firstValue("Retry-After")).isPresent();
        } finally {
            streams.forEach(LiveStream::close);
        }
    }

    @Test
    void dropsAViewerThatStopsReadingAndKeepsStreamingToTheOthers() throws Exception {
        String category = unique("slow");
        UUID application = UUID.randomUUID();
        double droppedBefore = droppedSlow();
        String big = "x".repeat(20_000);
        try (Socket slow = slowViewer("category=" + encode(category));
                LiveStream fast = open("category=" + encode(category), null);
                DecidedTopicWriter topics = new DecidedTopicWriter()) {
            fast.next("status", SEEN_WITHIN);
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < 400; i++) {
                sent.add(topics.valid(application, category, "big", Map.of("padding", big))
                        .toString());
            }

            await().atMost(SEEN_WITHIN).until(() -> droppedSlow() > droppedBefore);
            assertThat(readFor(slow, Duration.ofSeconds(5)))
                    .as("what the slow viewer reads once it reads again ends with why it was dropped")
                    .contains("event:dropped\ndata:{\"reason\":\"slow\"");
            Set<String> received = new HashSet<>();
            while (received.size() < sent.size()) {
                received.add(
                        json(fast.next("valid", SEEN_WITHIN)).get("event_id").asText());
            }
            assertThat(received).as("every event, to the viewer that reads").isEqualTo(sent);
        }
    }

    @Test
    void refusesAnUnknownCodeAndACodeWithKindValid() {
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/live?code=oops")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(analyst)
                .when()
                .get("/v1/live?code=schema_violation&kind=valid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void needsAnAnalystOrAdminToken() {
        given().when().get("/v1/live").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.stranger()).when().get("/v1/live").then().statusCode(403);
    }

    private LiveStream open(String query, String lastEventId) {
        return LiveStream.open(URI.create(live + "?" + query), analyst, lastEventId);
    }

    /** A viewer with a tiny receive buffer that reads nothing until asked. */
    private Socket slowViewer(String query) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(live.getHost(), live.getPort()), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + live.getPath() + "?" + query + " HTTP/1.1\r\nHost: " + live.getHost() + "\r\n"
                        + "Authorization: Bearer " + analyst + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Everything the socket delivers within the time, or until the server ends the stream. */
    private static String readFor(Socket socket, Duration within) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + within.toNanos();
        socket.setSoTimeout(500);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[65536];
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                read.write(buffer, 0, n);
            } catch (java.net.SocketTimeoutException quiet) {
                // keep reading until the deadline
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private double droppedSlow() {
        String text =
                given().when().get(metrics).then().statusCode(200).extract().asString();
        return text.lines()
                .filter(line ->
                        line.startsWith("eye_query_live_viewers_dropped_total") && line.contains("reason=\"slow\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static JsonNode json(LiveStream.Message message) {
        try {
            return DecidedTopicWriter.MAPPER.readTree(message.data());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
