package io.theeye.client;

import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Counts every event that will not be delivered and tells the host's {@link RejectionListener},
 * shielding the client's threads from whatever the listener throws.
 */
final class Reporter {

    private static final System.Logger LOG = System.getLogger(EyeClient.class.getName());

    private final RejectionListener listener;
    private final ClientCounters counters;

    Reporter(RejectionListener listener, ClientCounters counters) {
        this.listener = listener;
        this.counters = counters;
    }

    void rejected(PendingEvent event, int status, String code, String path, String message) {
        counters.rejected.increment();
        tell(new Rejection(event.eventId(), status, code, path, message, EventWriter.text(event.json())));
    }

    void tooLarge(Event event, byte[] json, String message) {
        counters.rejected.increment();
        tell(new Rejection(event.eventId(), 0, Rejection.TOO_LARGE, "", message, EventWriter.text(json)));
    }

    void abandoned(List<PendingEvent> events) {
        for (PendingEvent event : events) {
            counters.abandoned.increment();
            tell(new Rejection(
                    event.eventId(),
                    0,
                    Rejection.NOT_DELIVERED,
                    "",
                    "the client was closed before the server acknowledged the event",
                    EventWriter.text(event.json())));
        }
    }

    private void tell(Rejection rejection) {
        try {
            listener.rejected(rejection);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the rejection listener failed on event " + rejection.eventId(), e);
        }
    }
}
