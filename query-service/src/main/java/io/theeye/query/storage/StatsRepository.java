package io.theeye.query.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts from {@code event_counts_hourly}, which the processor keeps exact in the transaction that
 * stores the events. Only the bucket expression and the group columns vary, and they come from
 * fixed enums; every value is a parameter.
 */
@ApplicationScoped
public class StatsRepository {

    private final Pool pool;

    StatsRepository(Pool pool) {
        this.pool = pool;
    }

    /** Valid and invalid counts per bucket (and group), in bucket then group order; empty buckets are absent. */
    public Uni<List<StatsBucket>> count(StatsQuery query) {
        List<Object> args = new ArrayList<>();
        args.add(query.from().atOffset(ZoneOffset.UTC));
        args.add(query.to().atOffset(ZoneOffset.UTC));
        List<String> where = new ArrayList<>(List.of("hour >= $1", "hour < $2"));
        if (query.applicationId() != null) {
            args.add(query.applicationId());
            where.add("application_id = $" + args.size());
        }
        if (query.category() != null) {
            args.add(query.category());
            where.add("category = $" + args.size());
        }
        if (query.name() != null) {
            args.add(query.name());
            where.add("name = $" + args.size());
        }
        List<String> groups = query.groupBy().columns();
        String groupColumns = groups.isEmpty() ? "" : ", " + String.join(", ", groups);
        String sql = "SELECT " + query.bucket().sql() + " AS start" + groupColumns
                + ", coalesce(sum(events) FILTER (WHERE valid), 0)::bigint AS valid"
                + ", coalesce(sum(events) FILTER (WHERE NOT valid), 0)::bigint AS invalid"
                + " FROM event_counts_hourly WHERE " + String.join(" AND ", where)
                + " GROUP BY start" + groupColumns
                + " ORDER BY start" + groupColumns;
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
            List<StatsBucket> buckets = new ArrayList<>(rows.size());
            for (Row row : rows) {
                buckets.add(new StatsBucket(
                        row.getOffsetDateTime("start").toInstant(),
                        groups.contains("application_id") ? row.getUUID("application_id") : null,
                        groups.contains("category") ? row.getString("category") : null,
                        groups.contains("name") ? row.getString("name") : null,
                        row.getLong("valid"),
                        row.getLong("invalid")));
            }
            return buckets;
        });
    }
}
