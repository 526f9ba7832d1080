package io.theeye.processor.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.theeye.contract.InvalidEventRecord;
import io.theeye.processor.validation.InvalidEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes invalid events to {@code eye.events.invalid}, keyed by event id; ends when Kafka acknowledged all. */
@ApplicationScoped
public class InvalidEventPublisher {

    public static final String CHANNEL = "invalid-events";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    InvalidEventPublisher(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                    MutinyEmitter<String> emitter,
            ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /** Sends every invalid event; consumers of the topic de-duplicate by key (at-least-once). */
    public Uni<Void> publish(List<InvalidEvent> events, Instant validatedAt) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(events.size());
        for (InvalidEvent event : events) {
            Message<String> message = Message.of(toJson(event, validatedAt))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(event.eventId().toString())
                            .build());
            sends.add(emitter.sendMessage(message));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private String toJson(InvalidEvent event, Instant validatedAt) {
        try {
            return mapper.writeValueAsString(new InvalidEventRecord(
                    event.eventId(),
                    event.applicationId(),
                    event.receivedAt(),
                    event.payload() != null
                            ? event.payload()
                            : mapper.getNodeFactory().textNode(event.rawText()),
                    event.errors(),
                    validatedAt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
