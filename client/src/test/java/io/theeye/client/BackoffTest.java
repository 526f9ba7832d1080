package io.theeye.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Waits between resends grow, spread out, stop growing at the cap and respect Retry-After. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void doublesWithJitterUntilTheCap() {
        long[] ceilings = {100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (int failures = 1; failures <= ceilings.length; failures++) {
            for (int sample = 0; sample < 50; sample++) {
                long waited = backoff.delay(failures, Optional.empty()).toMillis();
                assertThat(waited).isBetween(ceilings[failures - 1] / 2, ceilings[failures - 1]);
            }
        }
        assertThat(backoff.delay(10_000, Optional.empty())).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void neverResendsSoonerThanRetryAfter() {
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2024-05-01T10:00:00Z");

        assertThat(Backoff.retryAfter(Optional.of("5"), now)).contains(Duration.ofSeconds(5));
        assertThat(Backoff.retryAfter(Optional.of("Wed, 01 May 2024 10:00:30 GMT"), now))
                .contains(Duration.ofSeconds(30));
        assertThat(Backoff.retryAfter(Optional.of("soon"), now)).isEmpty();
        assertThat(Backoff.retryAfter(Optional.empty(), now)).isEmpty();
    }
}
