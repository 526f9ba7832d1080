package io.theeye.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batches close at the configured count, bytes and linger time, against the real ingest service. */
@ExtendWith(RealEyeExtension.class)
class BatchingTest {

    private static final Duration FOREVER = Duration.ofMinutes(5);

    private static RealEye eye;
    private static RegisteredApplication app;

    @BeforeAll
    static void register(RealEye running) {
        eye = running;
        app = eye.registerApplication("client-batching");
    }

    @Test
    void sendsABatchAsSoonAsItHoldsTheConfiguredNumberOfEvents() {
        try (EyeClient client = client().maxBatchEvents(10).linger(FOREVER).build()) {
            TestEvents.trackAll(client, TestEvents.session(95));

            // Nine full batches go at once; the last five events wait for their linger time.
            await().atMost(Duration.ofSeconds(20)).until(() -> client.stats().acknowledged() == 90);
            assertThat(client.stats().requests()).isEqualTo(9);
            assertThat(client.stats().queued()).isEqualTo(5);

            assertThat(client.flush(Duration.ofSeconds(20)).completed()).isTrue();
            assertThat(client.stats().acknowledged()).isEqualTo(95);
            assertThat(client.stats().requests()).isEqualTo(10);
        }
    }

    @Test
    void neverLetsABatchGrowBeyondTheConfiguredBytes() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(TestEvents.pageViewOfAbout(1_000));
        }
        int eventBytes = EventWriter.wireBytes(new EventWriter(new ObjectMapper()).write(events.get(0)));
        // Room for three and a half events: every batch must carry three.
        int batchBytes = EventWriter.BATCH_OVERHEAD + eventBytes * 7 / 2;

        try (EyeClient client =
                client().maxBatchBytes(batchBytes).linger(FOREVER).build()) {
            TestEvents.trackAll(client, events);

            await().atMost(Duration.ofSeconds(20)).until(() -> client.stats().acknowledged() == 9);
            assertThat(client.stats().requests()).isEqualTo(3);

            assertThat(client.flush(Duration.ofSeconds(20)).completed()).isTrue();
            assertThat(client.stats().acknowledged()).isEqualTo(12);
            assertThat(client.stats().requests()).isEqualTo(4);
        }
    }

    @Test
    void sendsAPartialBatchOnceItsLingerTimePasses() {
        Duration linger = Duration.ofMillis(300);
        try (EyeClient client = client().linger(linger).build()) {
            long started = System.nanoTime();
            TestEvents.trackAll(client, TestEvents.session(3));

            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> client.stats().acknowledged() == 3);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(linger);
            assertThat(client.stats().requests()).isEqualTo(1);
        }
    }

    private static EyeClient.Builder client() {
        return EyeClient.builder(eye.ingestUrl(), app.key());
    }
}
