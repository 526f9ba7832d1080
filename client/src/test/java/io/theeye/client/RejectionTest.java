package io.theeye.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Answers that are final reach the listener with the server's reason and are never retried. */
@ExtendWith(RealEyeExtension.class)
class RejectionTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static RealEye eye;
    private static RegisteredApplication app;

    @BeforeAll
    static void register(RealEye running) {
        eye = running;
        app = eye.registerApplication("client-rejections");
    }

    @Test
    void reportsAnEventIngestRefusesWithItsReasonAndDoesNotRetryIt() {
        RecordingListener listener = new RecordingListener();
        Event tooLarge = TestEvents.formSubmitWithField(40_000);
        // The client would refuse it itself at 32 KB; let ingest be the judge here.
        try (EyeClient client = EyeClient.builder(eye.ingestUrl(), app.key())
                .maxEventBytes(64 * 1024)
                .onRejected(listener)
                .build()) {
            assertThat(client.track(tooLarge)).isTrue();
            assertThat(client.flush(WITHIN).completed()).isTrue();

            assertThat(listener.rejections()).singleElement().satisfies(rejection -> {
                assertThat(rejection.eventId()).isEqualTo(tooLarge.eventId());
                assertThat(rejection.status()).isEqualTo(400);
                assertThat(rejection.code()).isEqualTo("too_large");
                assertThat(rejection.message()).contains("32768");
            });
            ClientStats stats = client.stats();
            assertThat(stats.requests()).isEqualTo(1);
            assertThat(stats.retries()).isZero();
            assertThat(stats.rejected()).isEqualTo(1);
            assertThat(stats.acknowledged()).isZero();
        }
    }

    @Test
    void deliversTheNeighboursOfARefusedEventInTheSameBatch() {
        RegisteredApplication own = eye.registerApplication("client-neighbours");
        RecordingListener listener = new RecordingListener();
        List<Event> events = new ArrayList<>(TestEvents.session(4));
        Event tooLarge = TestEvents.formSubmitWithField(40_000);
        events.add(2, tooLarge);
        try (EyeClient client = EyeClient.builder(eye.ingestUrl(), own.key())
                .maxEventBytes(64 * 1024)
                .onRejected(listener)
                .build()) {
            TestEvents.trackAll(client, events);
            assertThat(client.flush(WITHIN).completed()).isTrue();

            assertThat(listener.rejections()).singleElement().satisfies(rejection -> {
                assertThat(rejection.eventId()).isEqualTo(tooLarge.eventId());
                assertThat(rejection.status()).isEqualTo(202);
                assertThat(rejection.code()).isEqualTo("too_large");
            });
            assertThat(client.stats().acknowledged()).isEqualTo(4);
            assertThat(client.stats().requests()).isEqualTo(1);
        }
        assertThat(eye.awaitStored(own.id(), 4).rows()).isEqualTo(4);
    }

    @Test
    void reportsAnUnknownApplicationKeyWithoutRetrying() {
        RecordingListener listener = new RecordingListener();
        try (EyeClient client = EyeClient.builder(eye.ingestUrl(), "eye_not-a-registered-key")
                .onRejected(listener)
                .build()) {
            TestEvents.trackAll(client, TestEvents.session(2));
            assertThat(client.flush(WITHIN).completed()).isTrue();

            assertThat(listener.rejections()).hasSize(2).allSatisfy(rejection -> {
                assertThat(rejection.status()).isEqualTo(401);
                assertThat(rejection.code()).isEqualTo("unauthorized");
                assertThat(rejection.message()).contains("unknown");
            });
            assertThat(client.stats().requests()).isEqualTo(1);
            assertThat(client.stats().retries()).isZero();
        }
    }

    @Test
    void refusesAnEventTooLargeToSendWithoutSendingIt() {
        RecordingListener listener = new RecordingListener();
        Event tooLarge = TestEvents.formSubmitWithField(40_000);
        try (EyeClient client = EyeClient.builder(eye.ingestUrl(), app.key())
                .onRejected(listener)
                .build()) {
            assertThat(client.track(tooLarge)).isFalse();

            assertThat(listener.rejections()).singleElement().satisfies(rejection -> {
                assertThat(rejection.status()).isZero();
                assertThat(rejection.code()).isEqualTo(Rejection.TOO_LARGE);
                assertThat(rejection.event()).contains(tooLarge.eventId().toString());
            });
            assertThat(client.stats().requests()).isZero();
            assertThat(client.stats().rejected()).isEqualTo(1);
        }
    }
}
