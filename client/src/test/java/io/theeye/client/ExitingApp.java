package io.theeye.client;

import java.net.URI;
import java.time.Duration;

/**
 * A host application that tracks events and ends without closing its client, as many do: only
 * the client's shutdown hook stands between its events and oblivion. Run by {@link ShutdownTest}
 * in a JVM of its own.
 */
public final class ExitingApp {

    private ExitingApp() {}

    /** Arguments: ingest URL, application key, number of events. */
    public static void main(String[] args) {
        EyeClient client = EyeClient.builder(URI.create(args[0]), args[1])
                // Nothing would go before the JVM exits but for the hook.
                .linger(Duration.ofMinutes(5))
                .closeOnShutdown(true)
                .build();
        TestEvents.trackAll(client, TestEvents.session(Integer.parseInt(args[2])));
        System.out.println("tracked " + client.stats());
    }
}
