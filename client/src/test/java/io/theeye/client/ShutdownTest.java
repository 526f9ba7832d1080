package io.theeye.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.theeye.client.RealEye.StoredEvents;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.FreePorts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** flush and close say what they achieved; close and the shutdown hook deliver what is queued. */
@ExtendWith(RealEyeExtension.class)
class ShutdownTest {

    private static RealEye eye;

    @BeforeAll
    static void share(RealEye running) {
        eye = running;
    }

    @Test
    void closeDeliversEverythingQueuedBeforeItReturns() {
        RegisteredApplication app = eye.registerApplication("client-close");
        RecordingListener listener = new RecordingListener();
        EyeClient client = EyeClient.builder(eye.ingestUrl(), app.key())
                .maxBatchEvents(40)
                .linger(Duration.ofMinutes(5))
                .onRejected(listener)
                .build();
        TestEvents.trackAll(client, TestEvents.session(100));

        FlushResult closed = client.close(Duration.ofSeconds(30));

        assertThat(closed).isEqualTo(new FlushResult(true, 0));
        assertThat(client.stats().acknowledged()).isEqualTo(100);
        assertThat(client.stats().outstanding()).isZero();
        assertThat(listener.rejections()).isEmpty();
        assertThat(client.track(TestEvents.session(1).get(0))).isFalse();
        assertThat(client.stats().dropped()).isEqualTo(1);
        assertThat(eye.awaitStored(app.id(), 100)).isEqualTo(new StoredEvents(100, 100, 0));
    }

    @Test
    void aShutdownHookDeliversWhatAnExitingApplicationLeftQueued() throws Exception {
        RegisteredApplication app = eye.registerApplication("client-shutdown-hook");
        Path output = Files.createTempFile("exiting-app", ".log");
        Process exiting = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ExitingApp.class.getName(),
                        eye.ingestUrl().toString(),
                        app.key(),
                        "50")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            assertThat(exiting.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            exiting.destroyForcibly();
        }
        assertThat(exiting.exitValue()).as(Files.readString(output)).isZero();
        assertThat(eye.awaitStored(app.id(), 50)).isEqualTo(new StoredEvents(50, 50, 0));
    }

    @Test
    void flushSaysItTimedOutAndCloseReportsWhatItCouldNotDeliver() {
        URI nobodyListens = URI.create("http://127.0.0.1:" + FreePorts.next());
        RecordingListener listener = new RecordingListener();
        List<Event> events = TestEvents.session(5);
        EyeClient client = EyeClient.builder(nobodyListens, "eye_any-key")
                .backoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .onRejected(listener)
                .build();
        TestEvents.trackAll(client, events);

        assertThat(client.flush(Duration.ofMillis(500))).isEqualTo(new FlushResult(false, 5));
        assertThat(client.stats().retries()).isPositive();

        assertThat(client.close(Duration.ofMillis(300))).isEqualTo(new FlushResult(false, 5));
        assertThat(listener.rejections())
                .extracting(Rejection::eventId)
                .containsExactlyElementsOf(events.stream().map(Event::eventId).toList());
        assertThat(listener.rejections())
                .allSatisfy(rejection -> assertThat(rejection.code()).isEqualTo(Rejection.NOT_DELIVERED));
        assertThat(client.stats().abandoned()).isEqualTo(5);
        assertThat(client.stats().outstanding()).isZero();
    }
}
