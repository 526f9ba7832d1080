package io.theeye.client.example;

import io.theeye.client.ClientStats;
import io.theeye.client.FlushResult;
import java.time.Duration;
import java.util.Locale;

/**
 * What a simulation sent and what came of it.
 *
 * @param elapsed from the first event to the end of close
 * @param sessions how many visitors took part
 * @param bad how many events were deliberately invalid
 * @param close what closing the client achieved
 * @param stats the client's counters after close
 */
public record SimulationReport(Duration elapsed, int sessions, long bad, FlushResult close, ClientStats stats) {

    /** Every event was acknowledged or explicitly rejected by the server: none dropped, none lost. */
    public boolean allSettled() {
        return stats.dropped() == 0 && stats.abandoned() == 0 && close.completed();
    }

    /** Two lines for a person, then one JSON line for scripts (bench/, fault tests). */
    public String describe() {
        double seconds = elapsed.toMillis() / 1000.0;
        return String.format(
                Locale.ROOT,
                "sent %d events in %.1f s over %d sessions (%d deliberately invalid)%n"
                        + "acknowledged %d, rejected %d, dropped %d, not delivered %d; %d requests, %d retries%n"
                        + "{\"tracked\":%d,\"acknowledged\":%d,\"rejected\":%d,\"dropped\":%d,\"abandoned\":%d,"
                        + "\"requests\":%d,\"retries\":%d,\"bad\":%d,\"sessions\":%d,\"seconds\":%.3f}",
                stats.tracked(),
                seconds,
                sessions,
                bad,
                stats.acknowledged(),
                stats.rejected(),
                stats.dropped(),
                stats.abandoned(),
                stats.requests(),
                stats.retries(),
                stats.tracked(),
                stats.acknowledged(),
                stats.rejected(),
                stats.dropped(),
                stats.abandoned(),
                stats.requests(),
                stats.retries(),
                bad,
                sessions,
                seconds);
    }
}
