package io.theeye.query.storage;

import static io.theeye.contract.StoredTimes.instant;
import static io.theeye.contract.StoredTimes.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
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
        SqlConditions where = new SqlConditions()
                .where("hour >= ?", utc(query.from()))
                .where("hour < ?", utc(query.to()))
                .where("application_id = ?", query.applicationId())
                .where("category = ?", query.category())
                .where("name = ?", query.name());
        List<String> groups = query.groupBy().columns();
        String groupColumns = groups.isEmpty() ? "" : ", " + String.join(", ", groups);
        String sql = "SELECT " + query.bucket().sql() + " AS start" + groupColumns
                + ", coalesce(sum(events) FILTER (WHERE valid), 0)::bigint AS valid"
                + ", coalesce(sum(events) FILTER (WHERE NOT valid), 0)::bigint AS invalid"
                + " FROM event_counts_hourly" + where.sql()
                + " GROUP BY start" + groupColumns
                + " ORDER BY start" + groupColumns;
        return pool.preparedQuery(sql).execute(where.args()).map(rows -> {
            List<StatsBucket> buckets = new ArrayList<>(rows.size());
            for (Row row : rows) {
                buckets.add(new StatsBucket(
                        instant(row.getOffsetDateTime("start")),
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
