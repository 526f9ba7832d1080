package io.theeye.ingest.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Appends raw envelopes to {@code eye.events.raw}; the returned Uni ends when Kafka acknowledged. */
@ApplicationScoped
public class RawEventPublisher {

    /** The channel name, shared with configuration and tests. */
    public static final String CHANNEL = "raw-events";

    private final MutinyEmitter<String> emitter;

    RawEventPublisher(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                    MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Sends one envelope keyed for its partition; completes on acks=all, fails on Kafka's refusal. */
    public Uni<Void> publish(String key, String envelope) {
        Message<String> message = Message.of(envelope)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .build());
        return emitter.sendMessage(message);
    }
}
