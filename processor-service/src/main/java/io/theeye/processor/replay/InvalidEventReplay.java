package io.theeye.processor.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.theeye.contract.ErrorCode;
import io.theeye.contract.EventError;
import io.theeye.contract.RawEnvelope;
import io.theeye.contract.StoredTimes;
import io.theeye.processor.storage.EventStore;
import io.theeye.processor.storage.FailureClassifier;
import io.theeye.processor.storage.Isolation;
import io.theeye.processor.validation.EventValidator;
import io.theeye.processor.validation.InvalidEvent;
import io.theeye.processor.validation.ValidEvent;
import io.theeye.processor.validation.ValidationOutcome;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Re-validates recorded invalid events against today's registry. A dry run only reports; a real
 * run moves the now-valid ones into {@code events} exactly once and marks them replayed (the raw
 * log already holds them, so nothing is re-sent to the raw topic), then publishes them on the valid
 * topic ({@link ReplayPublication}). Running it again changes nothing.
 */
@ApplicationScoped
public class InvalidEventReplay {

    private static final Logger LOG = Logger.getLogger(InvalidEventReplay.class);
    private static final int SAMPLES = 20;

    private final Pool pool;
    private final ObjectMapper mapper;
    private final EventValidator validator;
    private final EventStore store;
    private final ReplayPublication publication;

    InvalidEventReplay(
            Pool pool, ObjectMapper mapper, EventValidator validator, EventStore store, ReplayPublication publication) {
        this.pool = pool;
        this.mapper = mapper;
        this.validator = validator;
        this.store = store;
        this.publication = publication;
    }

    public Uni<ReplayReport> replay(ReplayRequest request) {
        return findReplayable(request).chain(rows -> {
            List<ValidEvent> nowValid = new ArrayList<>();
            List<InvalidEvent> stillInvalid = new ArrayList<>();
            for (Row row : rows) {
                ValidationOutcome outcome = validator.validate(
                        new RawEnvelope(
                                row.getUUID("event_id"),
                                row.getUUID("application_id"),
                                StoredTimes.instant(row.getOffsetDateTime("received_at")),
                                readPayload(row.getString("payload"))),
                        row.getInteger("kafka_partition"),
                        row.getLong("kafka_offset"));
                if (outcome instanceof ValidEvent valid) {
                    nowValid.add(valid);
                } else if (outcome instanceof InvalidEvent invalid) {
                    stillInvalid.add(invalid);
                }
            }
            if (request.dryRun() || rows.isEmpty()) {
                return Uni.createFrom().item(report(request, rows.size(), nowValid, stillInvalid));
            }
            // An event the database still refuses stays invalid, with the refusal as its reason.
            return Isolation.<ValidEvent, Integer>run(nowValid, part -> store.storeReplay(part, List.of()))
                    .chain(isolation -> {
                        List<ValidEvent> moved = new ArrayList<>(nowValid);
                        List<InvalidEvent> kept = new ArrayList<>(stillInvalid);
                        for (Isolation.Refused<ValidEvent> refused : isolation.refused()) {
                            moved.remove(refused.item());
                            kept.add(refusedByDatabase(refused.item(), refused.reason()));
                        }
                        return store.storeReplay(List.of(), kept)
                                .call(ignored -> publication
                                        .publishMoved(moved)
                                        .onFailure()
                                        .recoverWithUni(failure -> {
                                            LOG.warnf(
                                                    "%d replayed events stored but not published yet; the sweep"
                                                            + " publishes them: %s",
                                                    moved.size(), failure.toString());
                                            return Uni.createFrom().voidItem();
                                        }))
                                .map(ignored -> {
                                    LOG.infof(
                                            "replay moved %d events to the valid store; %d still invalid",
                                            moved.size(), kept.size());
                                    return report(request, rows.size(), moved, kept);
                                });
                    });
        });
    }

    private static ReplayReport report(
            ReplayRequest request, int examined, List<ValidEvent> nowValid, List<InvalidEvent> stillInvalid) {
        return new ReplayReport(
                request.dryRun(),
                examined,
                nowValid.size(),
                stillInvalid.size(),
                nowValid.stream().limit(SAMPLES).map(ValidEvent::eventId).toList(),
                stillInvalid.stream()
                        .limit(SAMPLES)
                        .map(e -> new ReplayReport.StillInvalid(e.eventId(), e.errors()))
                        .toList());
    }

    private static InvalidEvent refusedByDatabase(ValidEvent event, Throwable reason) {
        return new InvalidEvent(
                event.eventId(),
                event.applicationId(),
                event.receivedAt(),
                null,
                null,
                event.category(),
                event.name(),
                List.of(new EventError(ErrorCode.UNSTORABLE, "", FailureClassifier.reason(reason))),
                event.occurredAt(),
                event.kafkaPartition(),
                event.kafkaOffset());
    }

    private Uni<List<Row>> findReplayable(ReplayRequest request) {
        List<String> where = new ArrayList<>(List.of(
                "replay_status <> 'replayed'",
                // Either the payload as jsonb or, where jsonb could not hold it, as text.
                "(payload IS NOT NULL OR raw_text IS NOT NULL)",
                "application_id IS NOT NULL",
                "received_at IS NOT NULL"));
        List<Object> args = new ArrayList<>();
        if (request.code() != null) {
            args.add(request.code().wire());
            where.add("$" + args.size() + " = ANY(error_codes)");
        }
        if (request.category() != null) {
            args.add(request.category());
            where.add("category = $" + args.size());
        }
        if (request.name() != null) {
            args.add(request.name());
            where.add("name = $" + args.size());
        }
        if (request.application() != null) {
            args.add(request.application());
            where.add("application_id = $" + args.size());
        }
        if (request.from() != null) {
            args.add(StoredTimes.utc(request.from()));
            where.add("received_at >= $" + args.size());
        }
        if (request.to() != null) {
            args.add(StoredTimes.utc(request.to()));
            where.add("received_at < $" + args.size());
        }
        args.add(request.limit());
        String sql = "SELECT event_id, application_id, received_at, coalesce(payload::text, raw_text) AS payload, "
                + "kafka_partition, kafka_offset "
                + "FROM invalid_events WHERE " + String.join(" AND ", where)
                + " ORDER BY received_at, event_id LIMIT $" + args.size();
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
            List<Row> list = new ArrayList<>(rows.size());
            rows.forEach(list::add);
            return list;
        });
    }

    private com.fasterxml.jackson.databind.JsonNode readPayload(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (Exception e) {
            throw new IllegalStateException("stored payload is not JSON", e);
        }
    }
}
