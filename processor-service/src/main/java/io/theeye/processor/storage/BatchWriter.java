package io.theeye.processor.storage;

import io.smallrye.mutiny.Uni;
import io.theeye.contract.ErrorCode;
import io.theeye.contract.EventError;
import io.theeye.processor.validation.EventValidator;
import io.theeye.processor.validation.InvalidEvent;
import io.theeye.processor.validation.Judged;
import io.theeye.processor.validation.ValidationOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Stores a judged batch so that no record can hold up the others. When the database refuses a
 * record's content (a permanent failure), the batch is halved until each refused record stands
 * alone; everything else is stored, and each refused record is recorded as an invalid event with
 * code {@code unstorable}, the database's reason and its text. Transient failures end the attempt,
 * for the caller to retry with backoff.
 */
@ApplicationScoped
public class BatchWriter {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);

    /**
     * What a write achieved.
     *
     * @param kept the outcomes whose copy is the stored one (unstorable ones as recorded)
     * @param unstorable the records the database refused, as recorded
     * @param writes how many statements it took
     */
    public record Written(List<ValidationOutcome> kept, List<InvalidEvent> unstorable, int writes) {}

    private final EventStore store;
    private final EventValidator validator;

    BatchWriter(EventStore store, EventValidator validator) {
        this.store = store;
        this.validator = validator;
    }

    /** Stores every judged record, or fails transiently with nothing partial that a retry would repeat wrongly. */
    public Uni<Written> write(List<Judged> batch, Instant validatedAt) {
        return Isolation.<Judged, List<ValidationOutcome>>run(batch, part -> store.store(outcomes(part), validatedAt))
                .chain(isolation -> {
                    List<ValidationOutcome> kept = new ArrayList<>(batch.size());
                    isolation.results().forEach(kept::addAll);
                    if (isolation.refused().isEmpty()) {
                        return Uni.createFrom().item(new Written(kept, List.of(), isolation.writes()));
                    }
                    List<Judged> unstorable = isolation.refused().stream()
                            .map(refused -> asUnstorable(refused.item(), refused.reason()))
                            .toList();
                    return recordUnstorable(unstorable, validatedAt).map(recorded -> {
                        kept.addAll(recorded);
                        return new Written(
                                kept,
                                unstorable.stream()
                                        .map(j -> (InvalidEvent) j.outcome())
                                        .toList(),
                                isolation.writes() + unstorable.size());
                    });
                });
    }

    /**
     * Records refused events as unstorable; one whose text is refused even then is recorded
     * without it. Failing that, the database refuses even a minimal row: that is the system's
     * fault, not the record's, and the batch waits like it would for an outage.
     */
    private Uni<List<ValidationOutcome>> recordUnstorable(List<Judged> unstorable, Instant validatedAt) {
        return Isolation.<Judged, List<ValidationOutcome>>run(
                        unstorable, part -> store.store(outcomes(part), validatedAt))
                .chain(isolation -> {
                    List<ValidationOutcome> recorded = new ArrayList<>();
                    isolation.results().forEach(recorded::addAll);
                    if (isolation.refused().isEmpty()) {
                        return Uni.createFrom().item(recorded);
                    }
                    List<ValidationOutcome> minimal = isolation.refused().stream()
                            .map(refused -> (ValidationOutcome) withoutText(refused.item(), refused.reason()))
                            .toList();
                    return store.store(minimal, validatedAt)
                            .onFailure(FailureClassifier::isPermanent)
                            .transform(failure -> new SystemRefusal(
                                    "PostgreSQL refuses even a minimal invalid-event row: "
                                            + FailureClassifier.reason(failure),
                                    failure))
                            .map(stored -> {
                                recorded.addAll(stored);
                                return recorded;
                            });
                });
    }

    private Judged asUnstorable(Judged judged, Throwable reason) {
        ValidationOutcome outcome = judged.outcome();
        String why = FailureClassifier.reason(reason);
        LOG.warnf(
                "event %s at %s/%d recorded as unstorable: %s",
                outcome.eventId(), judged.record().partition(), judged.record().offset(), why);
        List<EventError> errors = List.of(new EventError(ErrorCode.UNSTORABLE, "", why));
        InvalidEvent unstorable = outcome instanceof InvalidEvent invalid
                ? invalid.unstorable(validator.storablePayloadText(judged.record()), errors)
                : validator.asUnstorable(judged.record(), outcome, errors);
        return new Judged(judged.record(), unstorable);
    }

    /** Only what was checked before the event was even read: its identity, position and arrival. */
    private static InvalidEvent withoutText(Judged judged, Throwable reason) {
        InvalidEvent event = (InvalidEvent) judged.outcome();
        return new InvalidEvent(
                event.eventId(),
                event.applicationId(),
                event.receivedAt(),
                null,
                null,
                null,
                null,
                List.of(new EventError(
                        ErrorCode.UNSTORABLE,
                        "",
                        FailureClassifier.reason(reason) + " (not even its text could be kept)")),
                null,
                event.kafkaPartition(),
                event.kafkaOffset());
    }

    private static List<ValidationOutcome> outcomes(List<Judged> part) {
        return part.stream().map(Judged::outcome).toList();
    }

    /** The database refuses what should always be storable: an operator must look; retried meanwhile. */
    public static final class SystemRefusal extends RuntimeException {
        SystemRefusal(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
