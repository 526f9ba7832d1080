package io.theeye.processor.storage;

import static io.theeye.contract.StoredTimes.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.theeye.contract.EventError;
import io.theeye.processor.validation.InvalidEvent;
import io.theeye.processor.validation.ValidEvent;
import io.theeye.processor.validation.ValidationOutcome;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes a batch of judged events in one statement and one transaction. An event's identity is
 * (application, event id): {@code event_ids} records the first copy of each, and only a newly
 * recorded copy is stored, valid or invalid, and counted. A redelivered batch changes nothing.
 */
@ApplicationScoped
public class EventStore {

    /** Stands for "application unknown" (a record that was not even an envelope) where a key needs a value. */
    public static final UUID UNKNOWN_APPLICATION = new UUID(0, 0);

    /**
     * Adds rows to the hourly counts (by the events' own time) and the per-minute counts (by their
     * arrival), each in key order: writers running at once take their row locks in one order.
     */
    private static final String COUNT_ROWS = """
            counted AS (
                INSERT INTO event_counts_hourly (hour, application_id, category, name, valid, events)
                SELECT date_bin('1 hour', counted_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
                       coalesce(application_id, '00000000-0000-0000-0000-000000000000'),
                       coalesce(category, ''), coalesce(name, ''), valid, sum(delta)
                FROM (%1$s) AS counted
                GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (hour, application_id, category, name, valid)
                DO UPDATE SET events = event_counts_hourly.events + EXCLUDED.events
            ), arrived AS (
                INSERT INTO event_counts_arrival (minute, application_id, valid, events)
                SELECT date_trunc('minute', arrived_at),
                       coalesce(application_id, '00000000-0000-0000-0000-000000000000'), valid, sum(delta)
                FROM (%1$s) AS arrived
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT (minute, application_id, valid)
                DO UPDATE SET events = event_counts_arrival.events + EXCLUDED.events
            )
            """;

    /**
     * One round trip per batch: rows travel as arrays and unnest() turns them back into rows.
     * Identities are recorded in key order and the hourly counts updated in key order, in one
     * statement for valid and invalid rows alike (and replay does the same), so writers running
     * at once take their locks in one order and cannot deadlock. The answer lists the batch's
     * records whose copy is the stored one: newly recorded, or recorded before from this very
     * log position (a redelivery). The other copies are duplicates.
     */
    static final String STORE =
            """
            WITH batch AS (
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::bigint[]) WITH ORDINALITY
                     AS b(application_id, event_id, kafka_partition, kafka_offset, idx)
            ), recorded AS (
                INSERT INTO event_ids (application_id, event_id, kafka_partition, kafka_offset)
                SELECT application_id, event_id, kafka_partition, kafka_offset FROM batch
                ORDER BY application_id, event_id
                ON CONFLICT DO NOTHING
                RETURNING application_id, event_id
            ), fresh AS (
                SELECT b.* FROM batch b JOIN recorded r USING (application_id, event_id)
            ), valid_rows AS (
                INSERT INTO events (event_id, application_id, session_id, category, name, data, occurred_at,
                                    corrected_at, received_at, kafka_partition, kafka_offset, schema_version)
                SELECT f.event_id, f.application_id, v.session_id, v.category, v.name, v.data::jsonb, v.occurred_at,
                       v.corrected_at, v.received_at, f.kafka_partition, f.kafka_offset, v.schema_version
                FROM unnest($5::bigint[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::timestamptz[],
                            $11::timestamptz[], $12::timestamptz[], $13::int[])
                     AS v(idx, session_id, category, name, data, occurred_at, corrected_at, received_at, schema_version)
                JOIN fresh f ON f.idx = v.idx
                ON CONFLICT DO NOTHING
                RETURNING application_id, category, name, occurred_at AS counted_at, received_at AS arrived_at,
                          true AS valid, 1 AS delta
            ), invalid_rows AS (
                INSERT INTO invalid_events (event_id, application_id, received_at, payload, raw_text, category, name,
                                            errors, error_codes, validated_at, kafka_partition, kafka_offset,
                                            occurred_at)
                SELECT f.event_id, nullif(f.application_id, '00000000-0000-0000-0000-000000000000'), i.received_at,
                       i.payload::jsonb, i.raw_text, i.category, i.name, i.errors::jsonb,
                       string_to_array(i.error_codes, ','), $23, f.kafka_partition, f.kafka_offset, i.occurred_at
                FROM unnest($14::bigint[], $15::timestamptz[], $16::text[], $17::text[], $18::text[], $19::text[],
                            $20::text[], $21::text[], $22::timestamptz[])
                     AS i(idx, received_at, payload, raw_text, category, name, errors, error_codes, occurred_at)
                JOIN fresh f ON f.idx = i.idx
                ON CONFLICT DO NOTHING
                RETURNING application_id, category, name, counted_at,
                          coalesce(received_at, validated_at) AS arrived_at, false AS valid, 1 AS delta
            ),
            """ + COUNT_ROWS.formatted("SELECT * FROM valid_rows UNION ALL SELECT * FROM invalid_rows") + """
            SELECT idx FROM fresh
            UNION ALL
            SELECT b.idx FROM batch b JOIN event_ids e
                ON e.application_id = b.application_id AND e.event_id = b.event_id
               AND e.kafka_partition = b.kafka_partition AND e.kafka_offset = b.kafka_offset
            """;

    /**
     * A replayed event leaves the invalid side and joins the valid one, counts moved with it, in
     * one statement; running it again changes nothing. Events still invalid are marked so.
     */
    static final String REPLAY = """
            WITH moved AS (
                UPDATE invalid_events i SET replay_status = 'replayed', replayed_at = now()
                FROM unnest($1::uuid[], $2::uuid[]) AS r(application_id, event_id)
                WHERE i.application_id = r.application_id AND i.event_id = r.event_id
                  AND i.replay_status <> 'replayed'
                RETURNING i.application_id, i.event_id, i.category, i.name, i.counted_at,
                          coalesce(i.received_at, i.validated_at) AS arrived_at
            ), valid_rows AS (
                INSERT INTO events (event_id, application_id, session_id, category, name, data, occurred_at,
                                    corrected_at, received_at, kafka_partition, kafka_offset, schema_version)
                SELECT v.event_id, v.application_id, v.session_id, v.category, v.name, v.data::jsonb, v.occurred_at,
                       v.corrected_at, v.received_at, v.kafka_partition, v.kafka_offset, v.schema_version
                FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[],
                            $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::int[], $11::bigint[],
                            $12::int[])
                     AS v(application_id, event_id, session_id, category, name, data, occurred_at, corrected_at,
                          received_at, kafka_partition, kafka_offset, schema_version)
                JOIN moved m USING (application_id, event_id)
                ON CONFLICT DO NOTHING
                RETURNING application_id, category, name, occurred_at AS counted_at, received_at AS arrived_at
            ), kept AS (
                UPDATE invalid_events i SET replay_status = 'still_invalid'
                FROM unnest($13::uuid[], $14::uuid[]) AS k(application_id, event_id)
                WHERE i.application_id = k.application_id AND i.event_id = k.event_id AND i.replay_status = 'pending'
            ),
            """ + COUNT_ROWS.formatted("""
                    SELECT application_id, category, name, counted_at, arrived_at, false AS valid, -1 AS delta
                    FROM moved
                    UNION ALL
                    SELECT application_id, category, name, counted_at, arrived_at, true AS valid, 1 AS delta
                    FROM valid_rows""") + """
            SELECT count(*) AS moved FROM moved
            """;

    private final Pool pool;
    private final ObjectMapper mapper;

    EventStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /**
     * Stores the outcomes durably (committed) or fails without a partial effect; answers those
     * whose copy is the stored one. The outcomes must not repeat an identity.
     */
    public Uni<List<ValidationOutcome>> store(List<ValidationOutcome> outcomes, Instant validatedAt) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple args = Tuple.tuple(arguments(outcomes, validatedAt));
        return pool.withTransaction(
                        connection -> connection.preparedQuery(STORE).execute(args))
                .map(rows -> {
                    List<ValidationOutcome> kept = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        kept.add(outcomes.get((int) (row.getLong("idx") - 1)));
                    }
                    return kept;
                });
    }

    /** Moves now-valid replayed events to the valid side and marks the others; answers how many moved. */
    public Uni<Integer> storeReplay(List<ValidEvent> nowValid, List<InvalidEvent> stillInvalid) {
        int n = nowValid.size();
        Object[][] valid = columns(12, n, i -> {
            ValidEvent e = nowValid.get(i);
            return new Object[] {
                e.applicationId(),
                e.eventId(),
                e.sessionId(),
                e.category(),
                e.name(),
                e.data(),
                utc(e.occurredAt()),
                utc(e.correctedAt()),
                utc(e.receivedAt()),
                e.kafkaPartition(),
                e.kafkaOffset(),
                e.schemaVersion()
            };
        });
        List<Object> args = new ArrayList<>(List.of(
                typed(valid[0], UUID[]::new),
                typed(valid[1], UUID[]::new),
                typed(valid[2], UUID[]::new),
                typed(valid[3], String[]::new),
                typed(valid[4], String[]::new),
                typed(valid[5], String[]::new),
                typed(valid[6], OffsetDateTime[]::new),
                typed(valid[7], OffsetDateTime[]::new),
                typed(valid[8], OffsetDateTime[]::new),
                typed(valid[9], Integer[]::new),
                typed(valid[10], Long[]::new),
                typed(valid[11], Integer[]::new)));
        args.add(stillInvalid.stream().map(InvalidEvent::applicationId).toArray(UUID[]::new));
        args.add(stillInvalid.stream().map(InvalidEvent::eventId).toArray(UUID[]::new));
        return pool.withTransaction(
                        connection -> connection.preparedQuery(REPLAY).execute(Tuple.tuple(args)))
                .map(rows -> rows.iterator().next().getLong("moved").intValue());
    }

    private List<Object> arguments(List<ValidationOutcome> outcomes, Instant validatedAt) {
        int n = outcomes.size();
        UUID[] applications = new UUID[n];
        UUID[] ids = new UUID[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        List<Object[]> valid = new ArrayList<>(n);
        List<Object[]> invalid = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ValidationOutcome outcome = outcomes.get(i);
            applications[i] = outcome.applicationId() == null ? UNKNOWN_APPLICATION : outcome.applicationId();
            ids[i] = outcome.eventId();
            partitions[i] = outcome.kafkaPartition();
            offsets[i] = outcome.kafkaOffset();
            long idx = i + 1L;
            if (outcome instanceof ValidEvent e) {
                valid.add(new Object[] {
                    idx,
                    e.sessionId(),
                    e.category(),
                    e.name(),
                    e.data(),
                    utc(e.occurredAt()),
                    utc(e.correctedAt()),
                    utc(e.receivedAt()),
                    e.schemaVersion()
                });
            } else if (outcome instanceof InvalidEvent e) {
                invalid.add(new Object[] {
                    idx,
                    utc(e.receivedAt()),
                    e.payload() == null ? null : e.payload().toString(),
                    e.rawText(),
                    e.category(),
                    e.name(),
                    json(e.errors()),
                    e.errors().stream().map(err -> err.code().wire()).distinct().collect(Collectors.joining(",")),
                    utc(e.occurredAt())
                });
            }
        }
        Object[][] v = columns(9, valid.size(), valid::get);
        Object[][] x = columns(9, invalid.size(), invalid::get);
        return List.of(
                applications,
                ids,
                partitions,
                offsets,
                typed(v[0], Long[]::new),
                typed(v[1], UUID[]::new),
                typed(v[2], String[]::new),
                typed(v[3], String[]::new),
                typed(v[4], String[]::new),
                typed(v[5], OffsetDateTime[]::new),
                typed(v[6], OffsetDateTime[]::new),
                typed(v[7], OffsetDateTime[]::new),
                typed(v[8], Integer[]::new),
                typed(x[0], Long[]::new),
                typed(x[1], OffsetDateTime[]::new),
                typed(x[2], String[]::new),
                typed(x[3], String[]::new),
                typed(x[4], String[]::new),
                typed(x[5], String[]::new),
                typed(x[6], String[]::new),
                typed(x[7], String[]::new),
                typed(x[8], OffsetDateTime[]::new),
                utc(validatedAt));
    }

    /** Rows to columns: the driver sends each column as one array parameter. */
    private static Object[][] columns(int width, int n, java.util.function.IntFunction<Object[]> row) {
        Object[][] columns = new Object[width][n];
        for (int i = 0; i < n; i++) {
            Object[] values = row.apply(i);
            for (int c = 0; c < width; c++) {
                columns[c][i] = values[c];
            }
        }
        return columns;
    }

    private static <T> T[] typed(Object[] column, java.util.function.IntFunction<T[]> array) {
        T[] typed = array.apply(column.length);
        System.arraycopy(column, 0, typed, 0, column.length);
        return typed;
    }

    private String json(List<EventError> errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
