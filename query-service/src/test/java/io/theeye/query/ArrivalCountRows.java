package io.theeye.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Writes the processor's per-minute arrival counts and its incidents, for the overview's tests to read. */
final class ArrivalCountRows {

    private ArrivalCountRows() {}

    /** Adds events to the minute holding {@code at}. */
    static void add(Instant at, UUID application, boolean valid, long events) {
        TestDatabase.update(
                "INSERT INTO event_counts_arrival (minute, application_id, valid, events) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (minute, application_id, valid) "
                        + "DO UPDATE SET events = event_counts_arrival.events + EXCLUDED.events",
                Timestamp.from(at.truncatedTo(ChronoUnit.MINUTES)),
                application,
                valid,
                events);
    }

    /** A registered application of this name; returns its id. */
    static UUID application(String name) {
        UUID id = UUID.randomUUID();
        TestDatabase.update("INSERT INTO applications (id, name) VALUES (?, ?)", id, name);
        return id;
    }

    /** An incident as the processor's quality check records it; closedAt null keeps it open. */
    static void incident(UUID application, String kind, Instant openedAt, Instant closedAt, double value) {
        TestDatabase.update(
                "INSERT INTO quality_incidents (application_id, kind, opened_at, closed_at, value, closed_value) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                application,
                kind,
                Timestamp.from(openedAt),
                closedAt == null ? null : Timestamp.from(closedAt),
                value,
                closedAt == null ? null : 0.0);
    }
}
