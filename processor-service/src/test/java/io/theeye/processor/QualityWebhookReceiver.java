package io.theeye.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free loopback port that records every notice posted to it and can refuse
 * one with a 500. There is one per JVM, found through a system property holding its port, and
 * tests read and steer it over HTTP: Quarkus may load this class again in another class loader (the
 * test profile's and the test's), where static state would be a second, empty copy.
 */
final class QualityWebhookReceiver {

    static final String GENERIC = "/generic";
    static final String SLACK = "/slack";

    /** A String value only: some libraries copy every system property and fail on other types. */
    private static final String PORT_PROPERTY = "eye.test.quality-webhook.port";

    private static final String RECORDED = "/_recorded";
    private static final String REFUSE = "/_refuse-next";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private QualityWebhookReceiver() {}

    /** The receiver's base URL, starting it on first use. */
    static String baseUrl() {
        synchronized (System.getProperties()) {
            String port = System.getProperty(PORT_PROPERTY);
            if (port == null) {
                port = Integer.toString(start());
                System.setProperty(PORT_PROPERTY, port);
            }
            return "http://127.0.0.1:" + port;
        }
    }

    /** Every body posted to the path that mentions the text, in order, whatever the answer. */
    static List<String> received(String path, String mentioning) {
        return bodies(path, mentioning, false);
    }

    /** Only the bodies the receiver answered with 200. */
    static List<String> accepted(String path, String mentioning) {
        return bodies(path, mentioning, true);
    }

    /** The next notice posted to the path that mentions the text is answered 500. */
    static void refuseNext(String path, String mentioning) {
        call(HttpRequest.newBuilder(URI.create(baseUrl() + REFUSE + "?path=" + path))
                .POST(HttpRequest.BodyPublishers.ofString(mentioning)));
    }

    private static List<String> bodies(String path, String mentioning, boolean acceptedOnly) {
        try {
            List<String> bodies = new ArrayList<>();
            for (JsonNode request : MAPPER.readTree(call(
                    HttpRequest.newBuilder(URI.create(baseUrl() + RECORDED)).GET()))) {
                String body = request.get("body").asText();
                if (request.get("path").asText().equals(path)
                        && body.contains(mentioning)
                        && (!acceptedOnly || request.get("status").asInt() == 200)) {
                    bodies.add(body);
                }
            }
            return bodies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String call(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int start() {
        List<String[]> recorded = new CopyOnWriteArrayList<>();
        Set<String> refuseOnce = ConcurrentHashMap.newKeySet();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                if (path.equals(RECORDED)) {
                    ArrayNode all = MAPPER.createArrayNode();
                    for (String[] r : recorded) {
                        all.addObject()
                                .put("path", r[0])
                                .put("status", Integer.parseInt(r[1]))
                                .put("body", r[2]);
                    }
                    answer(exchange, 200, all.toString());
                } else if (path.equals(REFUSE)) {
                    refuseOnce.add(exchange.getRequestURI().getQuery().substring("path=".length()) + " " + body);
                    answer(exchange, 204, null);
                } else {
                    boolean refuse = refuseOnce.removeIf(rule -> {
                        int space = rule.indexOf(' ');
                        return rule.substring(0, space).equals(path) && body.contains(rule.substring(space + 1));
                    });
                    int status = refuse ? 500 : 200;
                    recorded.add(new String[] {path, Integer.toString(status), body});
                    answer(exchange, status, null);
                }
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "quality-webhook-stop"));
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
