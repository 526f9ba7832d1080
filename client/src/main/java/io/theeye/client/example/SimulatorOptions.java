package io.theeye.client.example;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the simulator does, from its command line ({@code --name value} or {@code --name=value}).
 *
 * @param ingestUrl the ingest service's base URL
 * @param applicationKey the application key ({@code --key}, or the environment's {@code EYE_APPLICATION_KEY})
 * @param rate events per second, across all sessions
 * @param duration how long to send
 * @param sessions how many visitors browse at the same time
 * @param badShare the share of events, 0 to 1, that are deliberately invalid
 * @param batchEvents the client's batch size in events
 * @param linger the client's linger time
 * @param senders the client's number of sender threads
 * @param queueCapacity the client's queue capacity; a full queue makes the simulator wait
 * @param closeTimeout how long to wait at the end for everything to be acknowledged
 * @param seed the random seed, for a repeatable mix of events
 */
public record SimulatorOptions(
        URI ingestUrl,
        String applicationKey,
        double rate,
        Duration duration,
        int sessions,
        double badShare,
        int batchEvents,
        Duration linger,
        int senders,
        int queueCapacity,
        Duration closeTimeout,
        long seed) {

    static final String USAGE = """
            Simulates visitors of a web shop and sends their events to The Eye through the Java client.

            usage: SessionSimulator --key KEY [options]
              --url URL             ingest service (default http://localhost:8080)
              --key KEY             application key (default: environment variable EYE_APPLICATION_KEY)
              --rate N              events per second across all sessions (default 50)
              --duration D          how long to send: 30s, 5m, 500ms (default 30s)
              --sessions N          visitors browsing at the same time (default 20)
              --bad-share F         share of deliberately invalid events, 0 to 1 (default 0.05)
              --batch-events N      client batch size (default 500)
              --linger D            client linger time (default 250ms)
              --senders N           client sender threads (default 2)
              --queue N             client queue capacity (default 10000)
              --close-timeout D     wait this long at the end for acknowledgements (default 60s)
              --seed N              random seed (default: the clock)

            Prints what it sent and what was acknowledged; exits 0 when every event was acknowledged
            or explicitly rejected by the server, 1 when some were dropped or not delivered, 2 on bad usage.
            """;

    private static final Set<String> NAMES = Set.of(
            "url",
            "key",
            "rate",
            "duration",
            "sessions",
            "bad-share",
            "batch-events",
            "linger",
            "senders",
            "queue",
            "close-timeout",
            "seed");

    /** Checks the options a simulation cannot run without. */
    public SimulatorOptions {
        if (applicationKey == null || applicationKey.isBlank()) {
            throw new IllegalArgumentException("an application key is needed: --key or EYE_APPLICATION_KEY");
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        if (sessions < 1) {
            throw new IllegalArgumentException("--sessions must be at least 1");
        }
        if (!(badShare >= 0 && badShare <= 1)) {
            throw new IllegalArgumentException("--bad-share must be between 0 and 1");
        }
    }

    /** Reads the command line; the key may come from the environment. */
    public static SimulatorOptions parse(String[] args, Map<String, String> environment) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            given.put(name, value);
        }
        return new SimulatorOptions(
                URI.create(given.getOrDefault("url", "http://localhost:8080")),
                given.getOrDefault("key", environment.get("EYE_APPLICATION_KEY")),
                Double.parseDouble(given.getOrDefault("rate", "50")),
                duration(given.getOrDefault("duration", "30s")),
                Integer.parseInt(given.getOrDefault("sessions", "20")),
                Double.parseDouble(given.getOrDefault("bad-share", "0.05")),
                Integer.parseInt(given.getOrDefault("batch-events", "500")),
                duration(given.getOrDefault("linger", "250ms")),
                Integer.parseInt(given.getOrDefault("senders", "2")),
                Integer.parseInt(given.getOrDefault("queue", "10000")),
                duration(given.getOrDefault("close-timeout", "60s")),
                given.containsKey("seed") ? Long.parseLong(given.get("seed")) : System.nanoTime());
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or an ISO-8601 duration. */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.parse(text);
            };
        } catch (RuntimeException e) {
            try {
                return Duration.parse(text);
            } catch (RuntimeException notIso) {
                throw new IllegalArgumentException("not a duration: " + text + " (try 500ms, 30s, 5m)");
            }
        }
    }
}
