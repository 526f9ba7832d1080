package io.theeye.processor.quality;

import java.util.UUID;

/**
 * What one check measured for one enabled application.
 *
 * @param validEvents valid events whose time lies in the window
 * @param invalidEvents invalid events received in the window
 * @param secondsSinceLastEvent seconds since its newest event, valid or invalid, if it sent any in the
 *     last day; null otherwise
 * @param silentIncidentOpen whether a silent incident was open before this check
 */
public record ApplicationSignals(
        UUID applicationId,
        String applicationName,
        long validEvents,
        long invalidEvents,
        Double secondsSinceLastEvent,
        boolean silentIncidentOpen) {

    /** Valid and invalid events in the window. */
    public long events() {
        return validEvents + invalidEvents;
    }

    /** The share of invalid events in the window, 0..1 (0 without events). */
    public double invalidShare() {
        return events() == 0 ? 0 : (double) invalidEvents / events();
    }
}
