package io.theeye.client;

import java.util.List;

/**
 * Events sent together in one request, and resent together until the server settles them.
 *
 * @param events the events, in the order they were queued
 */
record Batch(List<PendingEvent> events) {

    Batch {
        events = List.copyOf(events);
    }

    /** The lowest sequence number in the batch: events are taken from the queue in order. */
    long firstSequence() {
        return events.get(0).sequence();
    }

    int size() {
        return events.size();
    }
}
