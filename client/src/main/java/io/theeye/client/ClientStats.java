package io.theeye.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of the client's counters, for the host app to read or export to its metrics.
 * Every event passed to {@code track} is in exactly one of {@code dropped}, {@code acknowledged},
 * {@code rejected}, {@code abandoned}, {@code queued} or {@code inFlight}, so they add up to
 * {@code tracked} once the client is idle.
 *
 * @param tracked events passed to {@code track}
 * @param dropped events not queued: the queue stayed full past the {@link QueueFullPolicy}, or the
 *     client was already closed
 * @param acknowledged events the server accepted (Kafka holds them)
 * @param rejected events refused for good, by the server or for their size (reported to the listener)
 * @param abandoned events still unacknowledged when the close timeout passed (reported to the listener)
 * @param requests HTTP requests sent, first attempts and retries
 * @param retries requests that resent a batch after a 5xx, a 429 or an I/O error
 * @param queued events waiting in the queue now
 * @param inFlight events in batches being sent or waiting to be retried now
 */
public record ClientStats(
        long tracked,
        long dropped,
        long acknowledged,
        long rejected,
        long abandoned,
        long requests,
        long retries,
        long queued,
        long inFlight) {

    /** Events not yet settled one way or the other. */
    public long outstanding() {
        return queued + inFlight;
    }

    /** The counters under stable names ({@code events_tracked}, ...), for a metrics exporter. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("events_tracked", tracked);
        map.put("events_dropped", dropped);
        map.put("events_acknowledged", acknowledged);
        map.put("events_rejected", rejected);
        map.put("events_abandoned", abandoned);
        map.put("requests", requests);
        map.put("retries", retries);
        map.put("events_queued", queued);
        map.put("events_in_flight", inFlight);
        return map;
    }
}
