package io.theeye.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault in the network, not a stand-in for ingest: forwards every request to the real ingest
 * service, and for every other request hangs up instead of passing the answer back. The client
 * then cannot know that ingest took the batch, and must resend it: the case that turns careless
 * retries into duplicates.
 */
final class AnswerDroppingProxy implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI target;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger acceptedButDropped = new AtomicInteger();

    private AnswerDroppingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    static AnswerDroppingProxy inFrontOf(URI ingest) throws IOException {
        return new AnswerDroppingProxy(ingest);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests ingest answered 202 whose answer the client never saw. */
    int acceptedButDropped() {
        return acceptedButDropped.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpResponse<byte[]> answer = http.send(
                    HttpRequest.newBuilder(
                                    target.resolve(exchange.getRequestURI().getPath()))
                            .timeout(Duration.ofSeconds(10))
                            .header(
                                    "Authorization",
                                    exchange.getRequestHeaders().getFirst("Authorization"))
                            .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (requests.incrementAndGet() % 2 == 1) {
                if (answer.statusCode() == 202) {
                    acceptedButDropped.incrementAndGet();
                }
                // Closing without a status line drops the connection: the client sees an I/O error.
                return;
            }
            exchange.getResponseHeaders().put("Content-Type", answer.headers().allValues("Content-Type"));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
