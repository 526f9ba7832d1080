package io.theeye.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.theeye.localstack.FreePorts;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A full queue holds the caller no longer than the policy says, then drops and counts. */
class QueueFullPolicyTest {

    private static final URI NOBODY_LISTENS = URI.create("http://127.0.0.1:" + FreePorts.next());

    @Test
    void dropsAtOnceUnderTheDropPolicy() {
        try (EyeClient client = fullAfterTwo(QueueFullPolicy.drop())) {
            TestEvents.trackAll(client, TestEvents.session(2));

            long started = System.nanoTime();
            assertThat(client.track(TestEvents.session(1).get(0))).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
            assertThat(client.stats().dropped()).isEqualTo(1);
            assertThat(client.stats().queued()).isEqualTo(2);
        }
    }

    @Test
    void holdsTheCallerUpToItsTimeoutThenDropsUnderTheWaitPolicy() {
        Duration patience = Duration.ofMillis(300);
        try (EyeClient client = fullAfterTwo(QueueFullPolicy.waitUpTo(patience))) {
            TestEvents.trackAll(client, TestEvents.session(2));

            long started = System.nanoTime();
            assertThat(client.track(TestEvents.session(1).get(0))).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(patience);
            assertThat(client.stats().dropped()).isEqualTo(1);
        }
    }

    /** A client whose queue holds two events and never empties: it waits five minutes to send. */
    private static EyeClient fullAfterTwo(QueueFullPolicy policy) {
        return EyeClient.builder(NOBODY_LISTENS, "eye_any-key")
                .queueCapacity(2)
                .linger(Duration.ofMinutes(5))
                .whenQueueFull(policy)
                .closeTimeout(Duration.ZERO)
                .onRejected(rejection -> {})
                .build();
    }
}
