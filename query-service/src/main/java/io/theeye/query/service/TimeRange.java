package io.theeye.query.service;

import io.theeye.service.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** A range a request asks for, with an endpoint's defaults applied: to defaults to now, from to a span before to. */
record TimeRange(Instant from, Instant to) {

    /** The range widened outwards by {@code floor} and {@code ceil}; from must come before to. */
    static TimeRange of(
            Instant askedFrom,
            Instant askedTo,
            Instant now,
            Duration defaultSpan,
            UnaryOperator<Instant> floor,
            UnaryOperator<Instant> ceil) {
        Instant to = ceil.apply(askedTo != null ? askedTo : now);
        Instant from = floor.apply(askedFrom != null ? askedFrom : to.minus(defaultSpan));
        if (!from.isBefore(to)) {
            throw ProblemException.invalidParameter("from", "must be before 'to' (to defaults to now)");
        }
        return new TimeRange(from, to);
    }

    /** Refuses a range longer than {@code days}, with the endpoint's rule. */
    TimeRange requireAtMost(int days, String rule) {
        if (Duration.between(from, to).compareTo(Duration.ofDays(days)) > 0) {
            throw ProblemException.invalidParameter("from", rule);
        }
        return this;
    }
}
