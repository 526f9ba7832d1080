package io.theeye.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's ceiling: {@code COPY} of N rows shaped like the processor's into a fresh table
 * created {@code LIKE events INCLUDING ALL} (primary key and indexes, no partitions), dropped
 * after. Usage: {@code CopyBaseline JDBC_URL USER PASSWORD N}. Prints one JSON line.
 */
public final class CopyBaseline {

    private CopyBaseline() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[3]);
        BenchEvents events = new BenchEvents();
        String applicationId = UUID.randomUUID().toString();
        String now = java.time.Instant.now().toString();
        StringBuilder rows = new StringBuilder(count * 300);
        for (int i = 0; i < count; i++) {
            UUID session = UUID.randomUUID();
            String data = events.event(session).get("data").toString();
            rows.append(UUID.randomUUID()).append('\t').append(applicationId).append('\t');
            rows.append(session).append("\tpage interaction\tpageview\t");
            rows.append(data.replace("\\", "\\\\")).append('\t').append(now).append("\t\\N\t");
            rows.append(now).append('\t').append(i % 12).append('\t').append(i).append("\t1\n");
        }
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_copy");
            statement.execute("CREATE TABLE bench_copy (LIKE events INCLUDING ALL)");
            try {
                long start = System.nanoTime();
                long copied = connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(
                                "COPY bench_copy (event_id, application_id, session_id, category, name, data,"
                                        + " occurred_at, corrected_at, received_at, kafka_partition, kafka_offset,"
                                        + " schema_version) FROM STDIN",
                                new StringReader(rows.toString()));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "{\"rows\":%d,\"seconds\":%.3f,\"rows_per_s\":%.1f}%n", copied, seconds, copied / seconds);
            } finally {
                statement.execute("DROP TABLE bench_copy");
            }
        }
    }
}
