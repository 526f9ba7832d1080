package io.theeye.processor.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.theeye.contract.EventError;
import io.theeye.processor.validation.InvalidEvent;
import io.theeye.processor.validation.ValidEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes a batch of validated events in one transaction: one multi-row statement for the valid
 * ones and one for the invalid ones, each idempotent, so a redelivered batch changes nothing.
 */
@ApplicationScoped
public class EventStore {

    /**
     * One round trip for the whole batch: the rows travel as arrays and unnest() turns them back
     * into rows. An event already recorded as invalid (and not replayed) is not stored as valid.
     * The rows really inserted (not the duplicates) are added to the hourly counts.
     */
    static final String INSERT_VALID = """
            WITH inserted AS (
                INSERT INTO events (event_id, application_id, session_id, category, name, data, occurred_at,
                                    corrected_at, received_at, kafka_partition, kafka_offset, schema_version)
                SELECT e.event_id, e.application_id, e.session_id, e.category, e.name, e.data::jsonb, e.occurred_at,
                       e.corrected_at, e.received_at, e.kafka_partition, e.kafka_offset, e.schema_version
                FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                            $8::timestamptz[], $9::timestamptz[], $10::int[], $11::bigint[], $12::int[])
                     AS e(event_id, application_id, session_id, category, name, data, occurred_at,
                          corrected_at, received_at, kafka_partition, kafka_offset, schema_version)
                WHERE NOT EXISTS (SELECT 1 FROM invalid_events i
                                  WHERE i.event_id = e.event_id AND i.replay_status <> 'replayed')
                ON CONFLICT DO NOTHING
                RETURNING application_id, category, name, occurred_at AS counted_at
            )
            """ + countInserted(true, "count(*)");

    /**
     * The mirror guard: an event already stored as valid is not also recorded as invalid. It is
     * counted in the hour of its own time when that could be read, else of its arrival.
     */
    static final String INSERT_INVALID = """
            WITH inserted AS (
                INSERT INTO invalid_events (event_id, application_id, received_at, payload, raw_text, category, name,
                                            errors, error_codes, validated_at, kafka_partition, kafka_offset,
                                            occurred_at)
                SELECT e.event_id, e.application_id, e.received_at, e.payload::jsonb, e.raw_text, e.category, e.name,
                       e.errors::jsonb, string_to_array(e.error_codes, ','), $10, e.kafka_partition, e.kafka_offset,
                       e.occurred_at
                FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $11::int[], $12::bigint[], $13::timestamptz[])
                     AS e(event_id, application_id, received_at, payload, raw_text, category, name,
                          errors, error_codes, kafka_partition, kafka_offset, occurred_at)
                WHERE e.occurred_at IS NULL
                   OR NOT EXISTS (SELECT 1 FROM events v
                                  WHERE v.event_id = e.event_id AND v.occurred_at = e.occurred_at)
                ON CONFLICT (event_id) DO NOTHING
                RETURNING application_id, category, name, coalesce(occurred_at, received_at, validated_at) AS counted_at
            )
            """ + countInserted(false, "count(*)");

    /**
     * Adds the inserted rows to the hourly counts, in key order so that replicas writing at once
     * take row locks in the same order.
     */
    private static String countInserted(boolean valid, String count) {
        return """
            INSERT INTO event_counts_hourly (hour, application_id, category, name, valid, events)
            SELECT date_bin('1 hour', counted_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
                   coalesce(application_id, '00000000-0000-0000-0000-000000000000'),
                   coalesce(category, ''), coalesce(name, ''), %s, %s
            FROM inserted
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            ON CONFLICT (hour, application_id, category, name, valid)
            DO UPDATE SET events = event_counts_hourly.events + EXCLUDED.events
            """.formatted(valid, count);
    }

    /** A replayed event leaves the invalid side: marked replayed and taken out of the invalid counts. */
    static final String MARK_REPLAYED = """
            WITH inserted AS (
                UPDATE invalid_events SET replay_status = 'replayed', replayed_at = now()
                WHERE event_id = ANY($1::uuid[]) AND replay_status <> 'replayed'
                RETURNING application_id, category, name, coalesce(occurred_at, received_at, validated_at) AS counted_at
            )
            """ + countInserted(false, "-count(*)");

    static final String MARK_STILL_INVALID =
            "UPDATE invalid_events SET replay_status = 'still_invalid' WHERE event_id = ANY($1::uuid[]) AND replay_status = 'pending'";

    private final Pool pool;
    private final ObjectMapper mapper;

    EventStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** Stores both lists durably (committed) or fails without a partial effect. */
    public Uni<Void> store(List<ValidEvent> valid, List<InvalidEvent> invalid, Instant validatedAt) {
        if (valid.isEmpty() && invalid.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection ->
                insertValid(connection, valid).chain(() -> insertInvalid(connection, invalid, validatedAt)));
    }

    /**
     * Moves replayed events that are valid now from the invalid side to the valid one, in one
     * transaction; running it again changes nothing.
     */
    public Uni<Void> storeReplay(List<ValidEvent> nowValid, List<UUID> stillInvalid) {
        UUID[] moved = nowValid.stream().map(ValidEvent::eventId).toArray(UUID[]::new);
        UUID[] kept = stillInvalid.toArray(UUID[]::new);
        return pool.withTransaction(connection -> connection
                .preparedQuery(MARK_REPLAYED)
                .execute(Tuple.of((Object) moved))
                .chain(() -> insertValid(connection, nowValid))
                .chain(() -> connection.preparedQuery(MARK_STILL_INVALID).execute(Tuple.of((Object) kept)))
                .replaceWithVoid());
    }

    private Uni<Void> insertValid(SqlClient client, List<ValidEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        UUID[] applications = new UUID[n];
        UUID[] sessions = new UUID[n];
        String[] categories = new String[n];
        String[] names = new String[n];
        String[] data = new String[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        OffsetDateTime[] corrected = new OffsetDateTime[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        Integer[] versions = new Integer[n];
        for (int i = 0; i < n; i++) {
            ValidEvent e = events.get(i);
            ids[i] = e.eventId();
            applications[i] = e.applicationId();
            sessions[i] = e.sessionId();
            categories[i] = e.category();
            names[i] = e.name();
            data[i] = e.data();
            occurred[i] = utc(e.occurredAt());
            corrected[i] = utc(e.correctedAt());
            received[i] = utc(e.receivedAt());
            partitions[i] = e.kafkaPartition();
            offsets[i] = e.kafkaOffset();
            versions[i] = e.schemaVersion();
        }
        Tuple args = Tuple.tuple(List.of(
                ids,
                applications,
                sessions,
                categories,
                names,
                data,
                occurred,
                corrected,
                received,
                partitions,
                offsets,
                versions));
        return client.preparedQuery(INSERT_VALID).execute(args).replaceWithVoid();
    }

    private Uni<Void> insertInvalid(SqlClient client, List<InvalidEvent> events, Instant validatedAt) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        UUID[] applications = new UUID[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        String[] payloads = new String[n];
        String[] rawTexts = new String[n];
        String[] categories = new String[n];
        String[] names = new String[n];
        String[] errors = new String[n];
        String[] codes = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            InvalidEvent e = events.get(i);
            ids[i] = e.eventId();
            applications[i] = e.applicationId();
            received[i] = utc(e.receivedAt());
            payloads[i] = e.payload() == null ? null : e.payload().toString();
            rawTexts[i] = e.rawText();
            categories[i] = e.category();
            names[i] = e.name();
            errors[i] = json(e.errors());
            codes[i] =
                    e.errors().stream().map(err -> err.code().wire()).distinct().collect(Collectors.joining(","));
            partitions[i] = e.kafkaPartition();
            offsets[i] = e.kafkaOffset();
            occurred[i] = utc(e.occurredAt());
        }
        Tuple args = Tuple.tuple(List.of(
                ids,
                applications,
                received,
                payloads,
                rawTexts,
                categories,
                names,
                errors,
                codes,
                utc(validatedAt),
                partitions,
                offsets,
                occurred));
        return client.preparedQuery(INSERT_INVALID).execute(args).replaceWithVoid();
    }

    private String json(List<EventError> errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
