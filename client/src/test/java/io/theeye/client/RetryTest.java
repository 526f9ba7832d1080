package io.theeye.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.theeye.client.RealEye.StoredEvents;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failures that may pass are retried with the same events until they do; PostgreSQL holds each event once. */
@ExtendWith(RealEyeExtension.class)
class RetryTest {

    private static RealEye eye;

    @BeforeAll
    static void share(RealEye running) {
        eye = running;
    }

    @Test
    void retriesThroughA503StormAndLosesNothingOnceKafkaReturns() {
        RegisteredApplication app = eye.registerApplication("client-503-storm");
        RecordingListener listener = new RecordingListener();
        int events = 200;
        // A short backoff: only ingest's Retry-After can explain waits longer than a second.
        try (EyeClient client = EyeClient.builder(eye.ingestUrl(), app.key())
                .maxBatchEvents(50)
                .linger(Duration.ofMillis(50))
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .onRejected(listener)
                .build()) {
            eye.stack.stopKafka();
            long stormStarted = System.nanoTime();
            try {
                TestEvents.trackAll(client, TestEvents.session(events));
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> client.stats().retries() >= 2);
                // Two resends, each at least Retry-After (RealEye sets 2 s) after the failure before it.
                assertThat(Duration.ofNanos(System.nanoTime() - stormStarted))
                        .isGreaterThanOrEqualTo(RealEye.RETRY_AFTER.multipliedBy(2));
                assertThat(client.stats().acknowledged()).isZero();
            } finally {
                eye.stack.startKafka();
            }

            FlushResult flushed = client.flush(Duration.ofSeconds(90));

            assertThat(flushed.completed()).as("%s", client.stats()).isTrue();
            assertThat(client.stats().acknowledged()).isEqualTo(events);
            assertThat(listener.rejections()).isEmpty();
        }
        StoredEvents stored = eye.awaitStored(app.id(), events);
        assertThat(stored).isEqualTo(new StoredEvents(events, events, 0));
    }

    @Test
    void storesAResentEventOnceWhenTheAnswerToItsFirstSendWasLost() throws Exception {
        RegisteredApplication app = eye.registerApplication("client-lost-answers");
        int events = 120;
        try (AnswerDroppingProxy proxy = AnswerDroppingProxy.inFrontOf(eye.ingestUrl());
                EyeClient client = EyeClient.builder(proxy.url(), app.key())
                        .maxBatchEvents(40)
                        .linger(Duration.ofMillis(50))
                        .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
                        .build()) {
            TestEvents.trackAll(client, TestEvents.session(events));

            assertThat(client.flush(Duration.ofSeconds(60)).completed()).isTrue();

            assertThat(client.stats().acknowledged()).isEqualTo(events);
            // Ingest took batches whose answers were lost, and took them again when they were resent:
            // their events reached Kafka twice.
            assertThat(proxy.acceptedButDropped()).isPositive();
            assertThat(client.stats().retries()).isGreaterThanOrEqualTo(proxy.acceptedButDropped());
        }
        StoredEvents stored = eye.awaitStored(app.id(), events);
        // Give a duplicate every chance to show up before counting.
        Thread.sleep(1_000);
        assertThat(eye.stored(app.id())).isEqualTo(new StoredEvents(events, events, 0));
        assertThat(stored.rows()).isEqualTo(events);
    }
}
