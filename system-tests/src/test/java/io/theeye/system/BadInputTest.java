package io.theeye.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand hostile requests against the running services: never a 5xx, never a stack trace,
 * always problem+json for an error, no crash, bounded memory, and every event that was accepted
 * ends up classified (valid or invalid) exactly once.
 */
class BadInputTest {

    private static final int REQUESTS = 10_000;
    private static final long RESIDENT_LIMIT_KB = 1_024 * 1_024;
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

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
    void tenThousandBadRequestsToIngestGetClearAnswersAndAcceptedEventsAreAllClassified() throws Exception {
        RegisteredApplication app = eye.application("bad-input");
        List<BadInputCorpus.BadRequest> corpus = new BadInputCorpus(20261128L, app.key()).generate(REQUESTS);
        Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
        Set<UUID> accepted = ConcurrentHashMap.newKeySet();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (BadInputCorpus.BadRequest request : corpus) {
            sent.add(pool.submit(() -> {
                HttpResponse<String> answer = send(eye.ingest.url(request.path()), request);
                statuses.computeIfAbsent(request.kind(), k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(answer.statusCode(), k -> new AtomicInteger())
                        .incrementAndGet();
                check(request.kind(), answer, problems);
                if (answer.statusCode() == 202) {
                    collectAccepted(answer.body(), accepted);
                }
            }));
        }
        for (Future<?> future : sent) {
            future.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        report(statuses);

        assertThat(problems)
                .as("answers that were 5xx, leaked internals or were not problem+json")
                .isEmpty();
        assertAlive(eye.ingest);
        assertThat(accepted).as("the corpus includes acceptable events").isNotEmpty();
        new Reconciliation(eye.stack.endpoints())
                .assertExactlyOnce(app.id(), accepted, accepted, Duration.ofSeconds(120));
        assertAlive(eye.processor);
    }

    @Test
    void hostileQueryParametersAndTokensAreAnsweredWith4xxAndChangeNothing() throws Exception {
        String analyst = eye.analystToken();
        String admin = eye.jwt.token("fuzz-admin", "admin", Duration.ofMinutes(10));
        List<String> injections = List.of(
                "' OR '1'='1",
                "'; DROP TABLE events; --",
                "\" OR 1=1 --",
                "%00",
                "\u0000",
                "../../etc/passwd",
                "${jndi:ldap://x}",
                "<script>alert(1)</script>",
                "1; SELECT pg_sleep(10)",
                "x".repeat(5_000),
                "-1",
                "99999999999999999999");
        List<String> paths = List.of(
                "/v1/events?session_id=%s",
                "/v1/events?category=%s",
                "/v1/events?from=%s",
                "/v1/events?limit=%s",
                "/v1/events?cursor=%s",
                "/v1/sessions/%s/events",
                "/v1/stats?from=%s&to=%s",
                "/v1/invalid-events?code=%s",
                "/v1/invalid-events/summary?from=%s",
                "/v1/export?from=%s&to=%s",
                "/v1/export?from=2021-01-01T00:00:00Z&to=2021-01-02T00:00:00Z&category=%s",
                "/v1/live?code=%s",
                "/v1/admin/applications/%s");
        List<String> problems = new ArrayList<>();
        int requests = 0;
        for (String path : paths) {
            for (String injection : injections) {
                String value =
                        URLEncoder.encode(injection, StandardCharsets.UTF_8).replace("+", "%20");
                URI url = eye.query.url(path.replace("%s", value));
                HttpResponse<String> answer = get(url, path.startsWith("/v1/admin") ? admin : analyst);
                requests++;
                // A request line over the HTTP layer's limit is refused with a bare 414 before any route runs.
                boolean httpLayerRefusal = answer.statusCode() == 414;
                if (answer.statusCode() >= 500
                        || (answer.statusCode() >= 400 && !httpLayerRefusal && !isProblem(answer))
                        || leaks(answer.body())) {
                    problems.add(answer.statusCode() + " " + url + " " + abbreviate(answer.body()));
                }
            }
        }
        for (String token : List.of(
                "",
                "Bearer",
                "Bearer x.y.z",
                "Bearer " + analyst + "x",
                "Basic YTpi",
                "Bearer " + "a".repeat(10_000))) {
            HttpResponse<String> answer =
                    sendRaw(HttpRequest.newBuilder(eye.query.url("/v1/events")).header("Authorization", token));
            requests++;
            if (answer.statusCode() != 401 || !isProblem(answer) || leaks(answer.body())) {
                problems.add(answer.statusCode() + " token '" + abbreviate(token) + "' " + abbreviate(answer.body()));
            }
        }
        HttpResponse<String> analystOnAdmin = get(eye.query.url("/v1/admin/applications"), analyst);
        assertThat(analystOnAdmin.statusCode()).isEqualTo(403);
        assertThat(problems).as("of " + requests + " hostile query requests").isEmpty();
        assertThat(get(eye.query.url("/v1/events?limit=1"), analyst).statusCode())
                .as("the events table survived")
                .isEqualTo(200);
        assertAlive(eye.query);
    }

    private static void check(String kind, HttpResponse<String> answer, List<String> problems) {
        int status = answer.statusCode();
        boolean clear = status < 500
                && !leaks(answer.body())
                && (status < 400 || isProblem(answer) || status == 400 && isBatchResults(answer));
        if (!clear) {
            problems.add(kind + ": " + status + " " + abbreviate(answer.body()));
        }
    }

    private static boolean isBatchResults(HttpResponse<String> answer) {
        return answer.body().startsWith("{\"accepted\"");
    }

    private static boolean isProblem(HttpResponse<String> answer) {
        return answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }

    /** A stack trace or an exception type in an answer tells an attacker too much. */
    private static boolean leaks(String body) {
        return body.contains("Exception")
                || body.contains("\tat ")
                || body.contains("at io.")
                || body.contains("at java.")
                || body.contains("io.theeye.")
                || body.contains("org.postgresql")
                || body.contains("com.fasterxml");
    }

    private static void collectAccepted(String body, Set<UUID> accepted) {
        try {
            JsonNode answer = Http.MAPPER.readTree(body);
            if (answer.has("results")) {
                answer.get("results").forEach(r -> {
                    if ("accepted".equals(r.path("status").asText())) {
                        accepted.add(UUID.fromString(r.get("event_id").asText()));
                    }
                });
            } else {
                accepted.add(UUID.fromString(answer.get("event_id").asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertAlive(ServiceProcess service) throws IOException {
        assertThat(service.isAlive()).isTrue();
        String status = Files.readString(Path.of("/proc/" + service.pid() + "/status"));
        long residentKb = status.lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElseThrow();
        assertThat(residentKb).as("resident memory in KB").isLessThan(RESIDENT_LIMIT_KB);
        service.awaitReady(Duration.ofSeconds(30));
    }

    private static void report(Map<String, Map<Integer, AtomicInteger>> statuses) {
        Map<String, Map<Integer, Integer>> sorted = new TreeMap<>();
        statuses.forEach((kind, byStatus) -> {
            Map<Integer, Integer> counts = new TreeMap<>();
            byStatus.forEach((status, n) -> counts.put(status, n.get()));
            sorted.put(kind, counts);
        });
        System.out.println("bad-input corpus, answers by kind and status: " + sorted);
    }

    private static HttpResponse<String> send(URI url, BadInputCorpus.BadRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", request.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.authorization() != null) {
            builder.header("Authorization", request.authorization());
        }
        return sendRaw(builder);
    }

    private static HttpResponse<String> get(URI url, String token) {
        return sendRaw(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token));
    }

    private static HttpResponse<String> sendRaw(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
