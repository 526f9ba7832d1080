package io.theeye.query;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client for tests: reads the stream on its own thread and hands over each
 * message (its fields; comments under ":"). Every wait is bounded.
 */
final class LiveStream implements AutoCloseable {

    /** One message of the stream: its fields by name (a comment under ":"). */
    record Message(Map<String, String> fields) {
        String event() {
            return fields.getOrDefault("event", "message");
        }

        String id() {
            return fields.get("id");
        }

        String data() {
            return fields.get("data");
        }

        boolean isComment() {
            return fields.containsKey(":");
        }
    }

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    private LiveStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "live-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects; the answer's status is {@link #status()} (its body is read only for a 200). */
    static LiveStream open(URI url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new LiveStream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The next message that matches, skipping others; fails after {@code within}. */
    Message next(Predicate<Message> wanted, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Message message = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
                if (message == null) {
                    throw new AssertionError("no such message within " + within.toMillis() + " ms");
                }
                if (wanted.test(message)) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message of this event name. */
    Message next(String event, Duration within) {
        return next(message -> message.event().equals(event) && !message.isComment(), within);
    }

    private void read() {
        if (response.statusCode() != 200) {
            return;
        }
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            Map<String, String> fields = new LinkedHashMap<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!fields.isEmpty()) {
                        messages.add(new Message(Map.copyOf(fields)));
                    }
                    fields = new LinkedHashMap<>();
                } else if (line.startsWith(":")) {
                    fields.put(":", line.substring(1));
                } else {
                    int colon = line.indexOf(':');
                    String name = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    fields.merge(name, value, (a, b) -> a + "\n" + b);
                }
            }
        } catch (IOException closed) {
            // the stream ended
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing anyway
        }
        reader.interrupt();
    }
}
