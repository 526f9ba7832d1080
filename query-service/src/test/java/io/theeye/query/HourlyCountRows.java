package io.theeye.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Writes the processor's hourly rollup rows, for stats tests to read. */
final class HourlyCountRows {

    private HourlyCountRows() {}

    static void add(String hour, UUID application, String category, String name, boolean valid, long events) {
        TestDatabase.update(
                "INSERT INTO event_counts_hourly (hour, application_id, category, name, valid, events) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                Timestamp.from(Instant.parse(hour)),
                application,
                category,
                name,
                valid,
                events);
    }
}
