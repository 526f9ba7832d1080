package io.theeye.processor.quality;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.theeye.processor.quality.IncidentRepository.PendingIncident;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * One notice about an incident, as the generic webhooks receive it. {@code incident_id} with
 * {@code state} identifies a notice, so a receiver can drop the rare repeat (a webhook that accepted
 * a notice just before PostgreSQL failed to record it gets it again on the next run).
 *
 * @param value the invalid share (0..1) or the seconds since the last event; null when not measured
 * @param threshold the share threshold, or the silence in seconds
 * @param window the period the value is measured over (ISO-8601): the window, or the silence
 * @param message the same human sentence Slack gets
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QualityNotice(
        long incidentId,
        String kind,
        String state,
        UUID applicationId,
        String applicationName,
        Double value,
        double threshold,
        String window,
        String openedAt,
        String resolvedAt,
        String message) {

    /** Which transition a notice reports. */
    public enum State {
        OPENED("opened"),
        RESOLVED("resolved");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** The notice of one transition of an incident, worded with the thresholds in force. */
    public static QualityNotice of(PendingIncident incident, State state, QualityThresholds thresholds) {
        boolean share = incident.kind() == IncidentKind.INVALID_SHARE;
        Double value = state == State.OPENED ? Double.valueOf(incident.value()) : incident.closedValue();
        return new QualityNotice(
                incident.id(),
                incident.kind().wire(),
                state.wire(),
                incident.applicationId(),
                incident.applicationName(),
                value,
                share ? thresholds.invalidShare() : thresholds.silence().toSeconds(),
                (share ? thresholds.window() : thresholds.silence()).toString(),
                String.valueOf(incident.openedAt()),
                state == State.RESOLVED ? String.valueOf(incident.closedAt()) : null,
                message(incident, state, value, thresholds));
    }

    /** The body for a Slack-compatible webhook: the sentence, marked so it reads at a glance. */
    public String slackText() {
        return (State.OPENED.wire().equals(state) ? ":rotating_light: " : ":white_check_mark: ") + message;
    }

    private static String message(PendingIncident incident, State state, Double value, QualityThresholds t) {
        String app = incident.applicationName();
        String since = incident.openedAt().truncatedTo(ChronoUnit.SECONDS).toString();
        if (state == State.RESOLVED && incident.applicationDisabled()) {
            return "The Eye: " + app + " was disabled, so its " + describe(incident.kind()) + " incident (open since "
                    + since + ") is closed.";
        }
        if (incident.kind() == IncidentKind.INVALID_SHARE) {
            return state == State.OPENED
                    ? "The Eye: " + percent(value) + " of the events of " + app + " were invalid over the last "
                            + human(t.window()) + " (threshold " + percent(t.invalidShare()) + ")."
                    : "The Eye: resolved: the invalid share of " + app + " is back to " + percent(value)
                            + " over the last " + human(t.window()) + " (incident open since " + since + ").";
        }
        return state == State.OPENED
                ? "The Eye: " + app + " has sent no events for " + human(seconds(value)) + " (silence threshold "
                        + human(t.silence()) + ")."
                : "The Eye: resolved: " + app + " is sending events again (silent since " + since + ").";
    }

    private static String describe(IncidentKind kind) {
        return kind == IncidentKind.INVALID_SHARE ? "invalid-share" : "silent";
    }

    private static String percent(Double share) {
        return share == null ? "?" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static Duration seconds(Double seconds) {
        return seconds == null ? Duration.ZERO : Duration.ofSeconds(seconds.longValue());
    }

    /** "15 minutes", "2 hours", "45 seconds": what a person reads in a chat. */
    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds >= 60) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
