package io.theeye.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query latency with the loader's events stored ({@link QueryDataLoader}): a session's timeline, a
 * one-hour page of one category, and one day's hourly counts by event type, each asked REQUESTS
 * times through query-service (HTTP, analyst JWT, one request at a time) and, alternating with
 * them, as the same SQL straight over JDBC (the ceiling: what PostgreSQL itself needs, every row
 * read), with fresh random sessions, hours and days. Then CLIENTS concurrent clients mix the three
 * through query-service for LOAD_S seconds while query-service's resident memory is sampled. Each
 * query's {@code EXPLAIN (ANALYZE, BUFFERS)} (custom and generic plan) goes to EXPLAIN_DIR.
 *
 * <p>Usage: {@code QueryLatency QUERY_URL TOKEN JDBC_URL USER PASSWORD DAYS REQUESTS QUERY_PID
 * EXPLAIN_DIR LOAD_S CLIENTS}. Prints lines {@code SAMPLE metric target {json}}.
 */
public final class QueryLatency {

    // The SQL query-service runs (storage/EventQueryRepository and StatsRepository); keep in step.
    static final String COLUMNS =
            "event_id, application_id, session_id, category, name, data::text AS data, occurred_at, corrected_at, "
                    + "received_at, kafka_partition, kafka_offset, schema_version";
    static final String SESSION_SUMMARY = "SELECT count(*) AS events, min(occurred_at) AS first_at, "
            + "max(occurred_at) AS last_at FROM events WHERE session_id = ?";
    static final String SESSION_PAGE = "SELECT " + COLUMNS
            + " FROM events WHERE session_id = ? ORDER BY occurred_at, kafka_partition, kafka_offset LIMIT ?";
    static final String CATEGORY_PAGE = "SELECT " + COLUMNS
            + " FROM events WHERE category = ? AND occurred_at >= ? AND occurred_at < ?"
            + " ORDER BY occurred_at, kafka_partition, kafka_offset LIMIT ?";
    static final String DAY_STATS = "SELECT hour AS start, category, name"
            + ", coalesce(sum(events) FILTER (WHERE valid), 0)::bigint AS valid"
            + ", coalesce(sum(events) FILTER (WHERE NOT valid), 0)::bigint AS invalid"
            + " FROM event_counts_hourly WHERE hour >= ? AND hour < ?"
            + " GROUP BY start, category, name ORDER BY start, category, name";
    private static final String[] CATEGORIES = {"page interaction", "form interaction"};

    private final String base;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Instant first;
    private final int days;
    private final List<UUID> sessions;
    private final Random random = new Random(8);

    private QueryLatency(String base, String token, Instant first, int days, List<UUID> sessions) {
        this.base = base;
        this.token = token;
        this.first = first;
        this.days = days;
        this.sessions = sessions;
    }

    /** One query with its parameters, askable both ways. */
    private record Ask(String path, String sql, List<Object> args, String secondSql, List<Object> secondArgs) {}

    public static void main(String[] args) throws Exception {
        int days = Integer.parseInt(args[5]);
        int requests = Integer.parseInt(args[6]);
        long pid = Long.parseLong(args[7]);
        Path explainDir = Path.of(args[8]);
        double loadSeconds = Double.parseDouble(args[9]);
        int clients = Integer.parseInt(args[10]);
        Instant first =
                QueryDataLoader.firstDay(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Connection connection = DriverManager.getConnection(args[2], args[3], args[4])) {
            QueryLatency bench =
                    new QueryLatency(args[0], args[1], first, days, sampleSessions(connection, first, days));
            Files.createDirectories(explainDir);
            bench.floor(requests);
            for (String query : List.of("timeline", "category_hour", "day_stats")) {
                bench.explain(connection, query, explainDir);
                bench.measure(connection, query, requests);
            }
            bench.underLoad(pid, loadSeconds, clients);
        }
    }

    /** Sessions that exist, from random hours of the generated range. */
    private static List<UUID> sampleSessions(Connection connection, Instant first, int days) throws SQLException {
        Random random = new Random(80);
        List<UUID> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT DISTINCT session_id FROM events WHERE occurred_at >= ? AND occurred_at < ? LIMIT 50")) {
            for (int i = 0; i < 20; i++) {
                Instant hour = first.plus(Duration.ofHours(random.nextInt(days) * 24L + random.nextInt(23)));
                statement.setObject(1, hour.atOffset(ZoneOffset.UTC));
                statement.setObject(2, hour.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no events in the generated range: run QueryDataLoader first");
        }
        return found;
    }

    private synchronized Ask ask(String query) {
        switch (query) {
            case "timeline" -> {
                UUID session = sessions.get(random.nextInt(sessions.size()));
                // query-service's default (and largest) timeline page is 1000, asked as 1001.
                return new Ask(
                        "/v1/sessions/" + session + "/events",
                        SESSION_SUMMARY,
                        List.of(session),
                        SESSION_PAGE,
                        List.of(session, 1001));
            }
            case "category_hour" -> {
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                Instant from = first.plus(Duration.ofHours(random.nextInt(days) * 24L + random.nextInt(23)));
                Instant to = from.plus(Duration.ofHours(1));
                // The listing's default page is 100, asked as 101.
                return new Ask(
                        "/v1/events?category="
                                + URLEncoder.encode(category, StandardCharsets.UTF_8)
                                        .replace("+", "%20") + "&from=" + from + "&to=" + to,
                        CATEGORY_PAGE,
                        List.of(category, utc(from), utc(to), 101),
                        null,
                        null);
            }
            case "day_stats" -> {
                Instant from = first.plus(Duration.ofDays(random.nextInt(days)));
                Instant to = from.plus(Duration.ofDays(1));
                return new Ask(
                        "/v1/stats?from=" + from + "&to=" + to + "&bucket=hour&group_by=name",
                        DAY_STATS,
                        List.of(utc(from), utc(to)),
                        null,
                        null);
            }
            default -> throw new IllegalArgumentException(query);
        }
    }

    private void measure(Connection connection, String query, int requests) throws Exception {
        Latencies viaQuery = new Latencies();
        Latencies viaJdbc = new Latencies();
        long errors = 0;
        long rows = 0;
        for (int i = -20; i < requests; i++) { // the first 20 of each warm up, uncounted
            long start = System.nanoTime();
            int status = get(ask(query).path());
            long middle = System.nanoTime();
            rows += jdbc(connection, ask(query));
            long end = System.nanoTime();
            if (i >= 0) {
                viaQuery.record(middle - start);
                viaJdbc.record(end - middle);
                errors += status == 200 ? 0 : 1;
            }
        }
        sample("query_" + query, "query", viaQuery.json("") + ",\"non_200\":" + errors);
        sample(
                "query_" + query,
                "jdbc",
                viaJdbc.json("") + String.format(Locale.ROOT, ",\"rows_per_ask\":%.1f", rows / (requests + 20.0)));
    }

    /**
     * The HTTP floor: the console's settings (no token, no database) through the same client. The
     * liveness check it used to be moved to the management port.
     */
    private void floor(int requests) throws Exception {
        Latencies floor = new Latencies();
        for (int i = -20; i < requests; i++) {
            long start = System.nanoTime();
            get("/console/settings");
            if (i >= 0) {
                floor.record(System.nanoTime() - start);
            }
        }
        sample("query_floor", "query", floor.json(""));
    }

    private int get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    }

    /**
     * Runs the ask's SQL and reads every column of every row. For a timeline that is the page only,
     * as query-service asks it: a session under 1000 events fits on its first page, whose summary
     * query-service reads off the page (the summary statement is explained, not timed).
     */
    private static long jdbc(Connection connection, Ask ask) throws SQLException {
        return ask.secondSql() != null
                ? run(connection, ask.secondSql(), ask.secondArgs())
                : run(connection, ask.sql(), ask.args());
    }

    private static long run(Connection connection, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            long rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    for (int c = 1; c <= columns; c++) {
                        result.getString(c);
                    }
                    rows++;
                }
            }
            return rows;
        }
    }

    /** Writes each statement's custom and generic plan, and samples a summary of the custom one. */
    private void explain(Connection connection, String query, Path dir) throws Exception {
        Ask ask = ask(query);
        List<String[]> statements = new ArrayList<>();
        if (ask.secondSql() != null) {
            statements.add(new String[] {query + "_summary", ask.sql()});
            statements.add(new String[] {query + "_page", ask.secondSql()});
        } else {
            statements.add(new String[] {query, ask.sql()});
        }
        for (String[] named : statements) {
            List<Object> args = named[0].endsWith("_page") ? ask.secondArgs() : ask.args();
            StringBuilder text = new StringBuilder("-- " + named[1] + "\n-- parameters: " + args + "\n\n");
            String custom = plan(connection, named[1], args, "auto");
            text.append("-- custom plan (the parameters' values known to the planner), second run\n")
                    .append(custom);
            text.append(
                            "\n-- generic plan (plan_cache_mode = force_generic_plan: what a prepared statement may settle on)\n")
                    .append(plan(connection, named[1], args, "force_generic_plan"));
            Files.writeString(dir.resolve(named[0] + ".txt"), text.toString());
            sample("explain_" + named[0], "postgres", summarize(custom));
        }
    }

    private static String plan(Connection connection, String sql, List<Object> args, String mode) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute("SET plan_cache_mode = " + mode);
        }
        StringBuilder plan = new StringBuilder();
        // The custom plan is shown from its second run (the first loads the partitions' metadata
        // into a fresh connection, which query-service's pooled connections have long done); a
        // prepared statement run 6 times settles on its generic plan when asked to: the 6th is shown.
        for (int run = 0; run < ("auto".equals(mode) ? 2 : 6); run++) {
            plan.setLength(0);
            try (PreparedStatement statement = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                for (int i = 0; i < args.size(); i++) {
                    statement.setObject(i + 1, args.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    ResultSetMetaData ignored = rows.getMetaData();
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        try (Statement reset = connection.createStatement()) {
            reset.execute("RESET plan_cache_mode");
        }
        return plan.toString();
    }

    /** Execution and planning time, scans, sorts and the top node's buffers of a text plan. */
    static String summarize(String plan) {
        String top = plan.lines().findFirst().orElse("").trim().replaceAll("\\s+\\(cost=.*", "");
        Matcher buffers = Pattern.compile("Buffers: shared(?: hit=(\\d+))?(?: read=(\\d+))?")
                .matcher(plan);
        long hit = 0;
        long read = 0;
        if (buffers.find()) {
            hit = buffers.group(1) == null ? 0 : Long.parseLong(buffers.group(1));
            read = buffers.group(2) == null ? 0 : Long.parseLong(buffers.group(2));
        }
        return String.format(
                Locale.ROOT,
                "\"top_node\":\"%s\",\"execution_ms\":%s,\"planning_ms\":%s,\"seq_scans_reading_pages\":%d,\"index_scans\":%d,"
                        + "\"sorts\":%d,\"partitions_scanned\":%d,\"shared_hit\":%d,\"shared_read\":%d",
                top.replace("\"", "'"),
                number(plan, "Execution Time: ([0-9.]+)"),
                number(plan, "Planning Time: ([0-9.]+)"),
                seqScansReadingPages(plan),
                count(plan, "Index Scan using ")
                        + count(plan, "Index Only Scan using ")
                        + count(plan, "Bitmap Index Scan on "),
                count(plan, "Sort  (") + count(plan, "Sort ("),
                partitions(plan),
                hit,
                read);
    }

    /**
     * Sequential scans that read at least one page: those of empty partitions (days ahead) cost
     * nothing and have no Buffers line of their own.
     */
    private static int seqScansReadingPages(String plan) {
        int found = 0;
        int planning = plan.indexOf("\nPlanning");
        String[] nodes = (planning < 0 ? plan : plan.substring(0, planning)).split("->");
        for (String node : nodes) {
            if (node.stripLeading().startsWith("Seq Scan on ") && node.contains("Buffers: shared")) {
                found++;
            }
        }
        return found;
    }

    /** How many distinct partitions of events the plan touches. */
    private static long partitions(String plan) {
        return Pattern.compile(" on (events_p\\d{8}|events_default)\\b")
                .matcher(plan)
                .results()
                .map(m -> m.group(1))
                .distinct()
                .count();
    }

    private static String number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "null";
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** CLIENTS threads mix the three queries for the given time; resident memory sampled meanwhile. */
    private void underLoad(long pid, double seconds, int clients) throws Exception {
        double before = rssMb(pid);
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        String[] queries = {"timeline", "category_hour", "day_stats"};
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread thread = new Thread(() -> {
                for (int i = offset; !stop.get(); i++) {
                    long start = System.nanoTime();
                    try {
                        if (get(ask(queries[i % queries.length]).path()) != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies.record(System.nanoTime() - start);
                }
            });
            thread.start();
            threads.add(thread);
        }
        double peak = before;
        long start = System.nanoTime();
        while (System.nanoTime() - start < seconds * 1e9) {
            Thread.sleep(250);
            peak = Math.max(peak, rssMb(pid));
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        sample(
                "query_load",
                "query",
                String.format(
                        Locale.ROOT,
                        "\"clients\":%d,\"seconds\":%.1f,\"requests_per_s\":%.1f,\"errors\":%d,\"rss_before_mb\":%.1f,"
                                + "\"rss_peak_mb\":%.1f,\"rss_after_mb\":%.1f,%s",
                        clients,
                        elapsed,
                        latencies.count() / elapsed,
                        errors.get(),
                        before,
                        peak,
                        rssMb(pid),
                        latencies.json("")));
    }

    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // the process is gone: nothing to sample
        }
        return 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void sample(String metric, String target, String fields) {
        System.out.println("SAMPLE " + metric + " " + target + " {" + fields + "}");
        System.out.flush();
    }
}
