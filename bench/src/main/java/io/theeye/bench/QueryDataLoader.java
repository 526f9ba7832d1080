package io.theeye.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills {@code events} with N realistic rows inside PostgreSQL, for the query benchmark: sessions
 * of 10 to 50 events a few seconds to a minute apart, spread evenly over the DAYS whole UTC days
 * before today, from three applications, with the three registered event types (70% page views,
 * 20% CTA clicks, 10% form submits) and their data. Each day is one {@code INSERT ... SELECT} from
 * {@code generate_series}, in time order as arrival would write it, into that day's partition of
 * the real {@code events} table (made and attached as {@code ensure_events_partition} does), and
 * adds the same rows to {@code event_counts_hourly} in the same statement, so the stats agree.
 * Then {@code VACUUM (ANALYZE)}, which autovacuum would have done to old partitions by the time
 * anyone queries them. Usage: {@code QueryDataLoader JDBC_URL USER PASSWORD N DAYS [THREADS]}.
 * Prints one JSON line.
 */
public final class QueryDataLoader {

    /** The generated data's applications (not registered: events do not reference applications). */
    static final String[] APPLICATIONS = {
        "0b1a5e00-0000-4000-8000-000000000001",
        "0b1a5e00-0000-4000-8000-000000000002",
        "0b1a5e00-0000-4000-8000-000000000003"
    };

    // $1 day (date), $2 sessions, $3 rows, $4 first offset. Sessions start in the day's first 23
    // hours and last at most 50 minutes, so each day's rows stay in its partition.
    private static final String FILL_DAY = """
            WITH sessions AS (
                SELECT gen_random_uuid() AS session_id,
                       (?::date)::timestamp AT TIME ZONE 'UTC' + random() * interval '23 hours' AS start,
                       10 + floor(random() * 41)::int AS size,
                       2 + random() * 58 AS gap,
                       floor(random() * 3)::int AS app,
                       floor(random() * 12)::int AS part,
                       floor(random() * 1000)::int AS seed
                FROM generate_series(1, ?) OFFSET 0
            ), generated AS (
                SELECT s.session_id, s.app, s.part, s.seed, k,
                       s.start + make_interval(secs => k * s.gap) AS occurred_at,
                       CASE WHEN (k + s.seed) % 10 < 7 THEN 0 WHEN (k + s.seed) % 10 < 9 THEN 1 ELSE 2 END AS kind
                FROM sessions s CROSS JOIN LATERAL generate_series(0, s.size - 1) AS k
                LIMIT ?
            ), inserted AS (
                INSERT INTO TARGET (event_id, application_id, session_id, category, name, data, occurred_at,
                                    corrected_at, received_at, kafka_partition, kafka_offset, schema_version)
                SELECT gen_random_uuid(),
                       (ARRAY[APPLICATIONS]::uuid[])[app + 1],
                       session_id,
                       CASE kind WHEN 2 THEN 'form interaction' ELSE 'page interaction' END,
                       CASE kind WHEN 0 THEN 'pageview' WHEN 1 THEN 'cta click' ELSE 'submit' END,
                       CASE kind
                           WHEN 0 THEN jsonb_build_object('host', 'shop' || app || '.example.com',
                                                          'path', '/products/' || ((seed + k * 7) % 500))
                           WHEN 1 THEN jsonb_build_object('host', 'shop' || app || '.example.com',
                                                          'path', '/products/' || ((seed + k * 7) % 500),
                                                          'element', 'add-to-cart-' || (k % 4))
                           ELSE jsonb_build_object('host', 'shop' || app || '.example.com', 'path', '/checkout',
                                                   'form', jsonb_build_object('fields', 3 + k % 5))
                       END,
                       occurred_at, NULL, occurred_at + interval '150 milliseconds', part,
                       ? + row_number() OVER (ORDER BY occurred_at), 1
                FROM generated ORDER BY occurred_at
                RETURNING application_id, category, name, occurred_at
            )
            INSERT INTO event_counts_hourly AS c (hour, application_id, category, name, valid, events)
            SELECT date_bin('1 hour', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), application_id, category,
                   name, true, count(*)
            FROM inserted GROUP BY 1, 2, 3, 4
            ON CONFLICT (hour, application_id, category, name, valid) DO UPDATE SET events = c.events + EXCLUDED.events
            """.replace("APPLICATIONS", "'" + String.join("', '", APPLICATIONS) + "'");

    private QueryDataLoader() {}

    public static void main(String[] args) throws Exception {
        String[] jdbc = {args[0], args[1], args[2]};
        long rows = Long.parseLong(args[3]);
        int days = Integer.parseInt(args[4]);
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        long start = System.nanoTime();
        AtomicLong inserted = new AtomicLong();
        // A day whose partition exists (yesterday's: the processor makes them a day back) is filled
        // through the partitioned table. The other days are filled the way ensure_events_partition
        // builds a partition: a table LIKE events, its rows, then ATTACH, which builds the
        // partition's indexes in bulk (several times faster than maintaining them row by row).
        ConcurrentLinkedQueue<Integer> fresh = new ConcurrentLinkedQueue<>();
        try (Connection connection = DriverManager.getConnection(jdbc[0], jdbc[1], jdbc[2]);
                PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL");
                PreparedStatement fill = connection.prepareStatement(FILL_DAY.replace("TARGET", "events"))) {
            for (int d = 0; d < days; d++) {
                exists.setString(1, partition(days, d));
                try (ResultSet found = exists.executeQuery()) {
                    found.next();
                    if (found.getBoolean(1)) {
                        inserted.addAndGet(fill(fill, rows, days, d));
                    } else {
                        fresh.add(d);
                    }
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(jdbc[0], jdbc[1], jdbc[2]);
                        Statement ddl = connection.createStatement()) {
                    ddl.execute("SET synchronous_commit = off");
                    for (Integer d = fresh.poll(); d != null; d = fresh.poll()) {
                        String part = partition(days, d);
                        LocalDate day = firstDay(days).plusDays(d);
                        ddl.execute("CREATE TABLE " + part + " (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
                        try (PreparedStatement fill = connection.prepareStatement(FILL_DAY.replace("TARGET", part))) {
                            inserted.addAndGet(fill(fill, rows, days, d));
                        }
                        ddl.execute("ALTER TABLE events ATTACH PARTITION " + part + " FOR VALUES FROM ('" + day
                                + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        long vacuumStart = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(jdbc[0], jdbc[1], jdbc[2]);
                Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE) events");
            statement.execute("ANALYZE event_counts_hourly");
        }
        double vacuumSeconds = (System.nanoTime() - vacuumStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "{\"rows\":%d,\"days\":%d,\"load_s\":%.1f,\"rows_per_s\":%.0f,\"vacuum_analyze_s\":%.1f}%n",
                inserted.get(),
                days,
                loadSeconds,
                inserted.get() / loadSeconds,
                vacuumSeconds);
    }

    /** Fills day {@code d} with its share of the rows; returns how many. */
    private static long fill(PreparedStatement fill, long rows, int days, int d) throws SQLException {
        long dayRows = rows / days + (d < rows % days ? 1 : 0);
        fill.setString(1, firstDay(days).plusDays(d).toString());
        // Sessions average 30 events; ask for enough and cut at the day's share.
        fill.setLong(2, dayRows / 25 + 10);
        fill.setLong(3, dayRows);
        fill.setLong(4, (long) d * 100_000_000L);
        fill.execute();
        return dayRows;
    }

    /** The name ensure_events_partition gives day {@code d}'s partition. */
    private static String partition(int days, int d) {
        return "events_p" + firstDay(days).plusDays(d).toString().replace("-", "");
    }

    /** The first day of the generated range (inclusive), as the loader computes it. */
    static LocalDate firstDay(int days) {
        return LocalDate.now(ZoneOffset.UTC).minusDays(days);
    }
}
