package io.theeye.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop schedule: the i-th request is due at {@code start + i / rate}, whatever happened to
 * the earlier ones. A late generator fires at once to catch up, and every latency is counted from
 * the time the request was due, not from when it was sent, so a stalled server cannot hide its
 * stall by holding the generator back (no coordinated omission).
 */
final class FixedRateSchedule {

    /** What to do when request {@code index} is due; {@code dueNanos} is on {@link System#nanoTime()}'s clock. */
    interface Request {
        void fire(long index, long dueNanos);
    }

    private FixedRateSchedule() {}

    /** How late the schedule fired at worst in the last {@link #run}, in nanoseconds. */
    static volatile long worstLateness;

    /** Fires {@code rate} requests per second for {@code seconds}, on the calling thread; returns the start. */
    static long run(double rate, double seconds, Request request) {
        long worst = 0;
        double period = 1e9 / rate;
        long start = System.nanoTime();
        long total = (long) (seconds * rate);
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * period);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            worst = Math.max(worst, System.nanoTime() - due);
            request.fire(i, due);
        }
        worstLateness = worst;
        return start;
    }
}
