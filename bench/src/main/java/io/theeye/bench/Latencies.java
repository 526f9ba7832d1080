package io.theeye.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram in microseconds (1 µs to 5 minutes, 3 significant digits) that several
 * threads record into, and its percentiles in milliseconds as JSON fields.
 */
final class Latencies {

    private final Histogram histogram = new Histogram(1, 300_000_000L, 3);

    /** Records one latency given in nanoseconds (clamped to the histogram's range). */
    synchronized void record(long nanos) {
        histogram.recordValue(Math.min(Math.max(nanos / 1000, 1), histogram.getHighestTrackableValue()));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    /** The percentile in milliseconds, 0 when nothing was recorded. */
    synchronized double millis(double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** {@code "<prefix>p50_ms":..,"<prefix>p99_ms":..,"<prefix>p999_ms":..,"<prefix>max_ms":..}. */
    synchronized String json(String prefix) {
        return String.format(
                Locale.ROOT,
                "\"%1$sp50_ms\":%2$.3f,\"%1$sp99_ms\":%3$.3f,\"%1$sp999_ms\":%4$.3f,\"%1$smax_ms\":%5$.3f,"
                        + "\"%1$scount\":%6$d",
                prefix,
                millis(50),
                millis(99),
                millis(99.9),
                histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0,
                histogram.getTotalCount());
    }
}
