package io.theeye.client;

import java.util.concurrent.atomic.LongAdder;

/** The client's running counts; LongAdder because track is called from many threads at once. */
final class ClientCounters {

    final LongAdder tracked = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder abandoned = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder retries = new LongAdder();

    ClientStats snapshot(EventQueue queue) {
        return new ClientStats(
                tracked.sum(),
                dropped.sum(),
                acknowledged.sum(),
                rejected.sum(),
                abandoned.sum(),
                requests.sum(),
                retries.sum(),
                queue.queued(),
                queue.inFlight());
    }
}
