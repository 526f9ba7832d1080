package io.theeye.processor.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.theeye.contract.ValidEventRecord;
import io.theeye.processor.validation.ValidEvent;
import io.theeye.processor.validation.ValidationOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes stored valid events to {@code eye.events.valid} as {@link ValidEventRecord}s keyed by
 * session id; ends when Kafka acknowledged all. Callers pass only copies that are the stored ones,
 * after the transaction that stored them committed and before the raw batch is acknowledged, so
 * nothing is published that was not stored and every stored event is published at least once: a
 * batch redelivered after a crash publishes its events again, each copy with the same identity.
 */
@ApplicationScoped
public class ValidEventPublisher {

    public static final String CHANNEL = "valid-events";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    ValidEventPublisher(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                    MutinyEmitter<String> emitter,
            ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /** Publishes the valid events among the stored outcomes (invalid ones are the invalid topic's). */
    public Uni<Void> publish(List<? extends ValidationOutcome> stored) {
        List<ValidEventRecord> records = new ArrayList<>(stored.size());
        for (ValidationOutcome outcome : stored) {
            if (outcome instanceof ValidEvent event) {
                records.add(record(event));
            }
        }
        return publishRecords(records);
    }

    /** Publishes records of stored events, read back from the events table. */
    public Uni<Void> publishRecords(List<ValidEventRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(records.size());
        for (ValidEventRecord record : records) {
            sends.add(emitter.sendMessage(Message.of(toJson(record))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(record.sessionId().toString())
                            .build())));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    /** The record of a stored event: its columns, as stored. */
    static ValidEventRecord record(ValidEvent event) {
        return ValidEventRecord.of(
                event.eventId(),
                event.applicationId(),
                event.sessionId(),
                event.category(),
                event.name(),
                event.data(),
                event.occurredAt(),
                event.correctedAt(),
                event.receivedAt(),
                event.schemaVersion(),
                event.kafkaPartition(),
                event.kafkaOffset());
    }

    private String toJson(ValidEventRecord record) {
        try {
            return mapper.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
