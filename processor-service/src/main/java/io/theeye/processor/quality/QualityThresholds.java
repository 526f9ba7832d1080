package io.theeye.processor.quality;

import java.time.Duration;

/**
 * The rules that open and resolve incidents, as pure functions of the signals. Decisions need no
 * state of their own: opening an open incident and resolving a closed one change nothing in SQL.
 *
 * @param invalidShare share above which an invalid-share incident opens
 * @param invalidShareRecovery share at or below which it resolves
 * @param minimumEvents fewer events in the window never open a share incident
 * @param window the period the share is measured over
 * @param silence how long without events makes an application silent
 */
public record QualityThresholds(
        double invalidShare, double invalidShareRecovery, long minimumEvents, Duration window, Duration silence) {

    /** How far back an application must have sent something to count as silent rather than gone. */
    public static final Duration LOOKBACK = Duration.ofDays(1);

    public QualityThresholds {
        if (!(invalidShare > 0 && invalidShare < 1)) {
            throw new IllegalArgumentException(
                    "eye.quality.invalid-share-threshold must lie between 0 and 1, not " + invalidShare);
        }
        if (!(invalidShareRecovery >= 0 && invalidShareRecovery <= invalidShare)) {
            throw new IllegalArgumentException(
                    "eye.quality.invalid-share-recovery must lie between 0 and the threshold, not "
                            + invalidShareRecovery);
        }
        if (minimumEvents < 1) {
            throw new IllegalArgumentException("eye.quality.minimum-events must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("eye.quality.window must be positive");
        }
        if (silence.isNegative() || silence.isZero() || silence.compareTo(LOOKBACK) >= 0) {
            throw new IllegalArgumentException("eye.quality.silence must be positive and shorter than a day");
        }
    }

    /** The thresholds the settings describe; fails on settings that could never work. */
    public static QualityThresholds from(QualityConfig config) {
        double threshold = config.invalidShareThreshold();
        return new QualityThresholds(
                threshold,
                config.invalidShareRecovery().orElse(threshold * 0.8),
                config.minimumEvents(),
                config.window(),
                config.silence());
    }

    /** Enough events, and too many of them invalid. */
    public boolean opensInvalidShare(ApplicationSignals signals) {
        return signals.events() >= minimumEvents && signals.invalidShare() > invalidShare;
    }

    /** The share is clearly back; with no events at all there is nothing invalid left either. */
    public boolean resolvesInvalidShare(ApplicationSignals signals) {
        return signals.invalidShare() <= invalidShareRecovery;
    }

    /** Sent something within the last day, but nothing within the silence. */
    public boolean opensSilent(ApplicationSignals signals) {
        Double since = signals.secondsSinceLastEvent();
        return since != null && since > silence.toSeconds();
    }

    /**
     * Sent something within the silence. An application silent for more than a day has no last event
     * in the lookback: its incident stays open rather than being reported as recovered.
     */
    public boolean resolvesSilent(ApplicationSignals signals) {
        Double since = signals.secondsSinceLastEvent();
        return since != null && since <= silence.toSeconds();
    }

    /** What the silent gauge shows: the condition now, or the open incident once beyond the lookback. */
    public boolean isSilent(ApplicationSignals signals) {
        return signals.secondsSinceLastEvent() != null ? opensSilent(signals) : signals.silentIncidentOpen();
    }
}
