package io.theeye.client;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link EyeClient#track} does when the queue is full: wait up to {@code maxWait} for room,
 * then drop the event and count it in {@link ClientStats#dropped()}. Zero means drop at once.
 *
 * @param maxWait the longest a caller of {@code track} is held waiting for room
 */
public record QueueFullPolicy(Duration maxWait) {

    /** Checks that the wait is not negative. */
    public QueueFullPolicy {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
    }

    /** Never hold the caller: a full queue drops the new event (the default). */
    public static QueueFullPolicy drop() {
        return new QueueFullPolicy(Duration.ZERO);
    }

    /** Hold the caller up to {@code maxWait} for room, then drop. */
    public static QueueFullPolicy waitUpTo(Duration maxWait) {
        return new QueueFullPolicy(maxWait);
    }
}
