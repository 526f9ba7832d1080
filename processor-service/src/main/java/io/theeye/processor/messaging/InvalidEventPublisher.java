package io.theeye.processor.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.theeye.contract.InvalidEventRecord;
import io.theeye.processor.storage.FailureClassifier;
import io.theeye.processor.validation.InvalidEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes invalid events to {@code eye.events.invalid}, keyed by event id; ends when Kafka
 * acknowledged all. A record the topic refuses for its size is published again without its
 * payload (the invalid_events table keeps it), so it cannot hold up its batch.
 */
@ApplicationScoped
public class InvalidEventPublisher {

    public static final String CHANNEL = "invalid-events";

    private static final Logger LOG = Logger.getLogger(InvalidEventPublisher.class);

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
            sends.add(send(event, payload(event), validatedAt)
                    .onFailure(FailureClassifier::isPermanent)
                    .recoverWithUni(refused -> {
                        LOG.warnf(
                                "invalid event %s published without its payload: %s",
                                event.eventId(), FailureClassifier.reason(refused));
                        return send(
                                event,
                                mapper.getNodeFactory()
                                        .textNode("(omitted: the topic refused the record; invalid_events keeps it)"),
                                validatedAt);
                    }));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(InvalidEvent event, JsonNode payload, Instant validatedAt) {
        Message<String> message = Message.of(toJson(event, payload, validatedAt))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.eventId().toString())
                        .build());
        return emitter.sendMessage(message);
    }

    private JsonNode payload(InvalidEvent event) {
        return event.payload() != null
                ? event.payload()
                : mapper.getNodeFactory().textNode(event.rawText());
    }

    private String toJson(InvalidEvent event, JsonNode payload, Instant validatedAt) {
        try {
            return mapper.writeValueAsString(new InvalidEventRecord(
                    event.eventId(), event.applicationId(), event.receivedAt(), payload, event.errors(), validatedAt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
