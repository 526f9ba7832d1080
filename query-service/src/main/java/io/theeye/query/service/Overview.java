package io.theeye.query.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.theeye.query.storage.QualityIncident;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The pipeline at a glance, on the arrival clock: events accepted over the last hour (per minute)
 * and the last day (per hour), each application's invalid share and its trend, and the data-quality
 * incidents open now or resolved within the day.
 *
 * @param clock always {@code arrival}: every count places an event by when it reached ingest
 * @param incidents open ones first, then those resolved within the last day, newest first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Overview(
        Instant generatedAt,
        String clock,
        Window lastHour,
        Window lastDay,
        List<ApplicationHealth> applications,
        List<QualityIncident> incidents) {

    /**
     * A period split into equal steps, every step present (zero when quiet).
     *
     * @param from inclusive start, on a minute boundary
     * @param to exclusive end: the end of the current minute
     * @param step {@code minute} or {@code hour}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Window(Instant from, Instant to, String step, Counts totals, List<Step> steps) {}

    /** The events that arrived in one step. */
    public record Step(Instant start, long valid, long invalid) {}

    /**
     * Valid and invalid events, and the share of invalid ones.
     *
     * @param invalidShare invalid / (valid + invalid), 0..1; null without events
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Counts(long valid, long invalid, Double invalidShare) {

        static Counts of(long valid, long invalid) {
            long events = valid + invalid;
            return new Counts(valid, invalid, events == 0 ? null : (double) invalid / events);
        }

        Counts plus(long moreValid, long moreInvalid) {
            return of(valid + moreValid, invalid + moreInvalid);
        }
    }

    /**
     * One application over the last day.
     *
     * @param applicationId the zero UUID stands for records whose application was not known
     * @param name null when the application is not registered
     * @param status {@code active}, {@code disabled} or {@code unknown} (not registered)
     * @param previousHour the hour before the last one, for the trend
     * @param invalidShareByHour the share in each hour of the day, oldest first; null for a quiet hour
     * @param lastEventAt the minute of its latest event within the day; null when it sent none
     * @param openIncidents the kinds of its open incidents ({@code invalid_share}, {@code silent})
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ApplicationHealth(
            UUID applicationId,
            String name,
            String status,
            Counts lastHour,
            Counts previousHour,
            Counts lastDay,
            List<Double> invalidShareByHour,
            Instant lastEventAt,
            List<String> openIncidents) {}
}
