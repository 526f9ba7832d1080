package io.theeye.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a sender waits before resending a batch: exponential backoff with jitter, and never
 * sooner than the server's Retry-After. The jitter keeps many clients that failed together from
 * coming back together (which is how a recovering ingest gets knocked over again).
 */
final class Backoff {

    private final long initialNanos;
    private final long maxNanos;

    Backoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    /**
     * The wait after the {@code failures}-th failed attempt of a batch: half of
     * {@code min(max, initial * 2^(failures-1))} fixed and half random, so waits still grow while
     * spreading out; then at least what Retry-After asked for.
     */
    Duration delay(int failures, Optional<Duration> retryAfter) {
        int doublings = Math.min(Math.max(failures - 1, 0), 32);
        long ceiling = initialNanos << doublings;
        if (ceiling <= 0 || ceiling > maxNanos || (ceiling >> doublings) != initialNanos) {
            ceiling = maxNanos;
        }
        long half = ceiling / 2;
        long jittered = half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
        Duration wait = Duration.ofNanos(jittered);
        return retryAfter.filter(asked -> asked.compareTo(wait) > 0).orElse(wait);
    }

    /** A Retry-After header's wait: delay-seconds or an HTTP date (RFC 9110); empty when absent or unreadable. */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            // an HTTP date, then
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
