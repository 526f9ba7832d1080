package io.theeye.ingest.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.theeye.contract.Topics;
import io.theeye.ingest.config.IngestConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Appends raw envelopes to {@code eye.events.raw} with Kafka's own producer, called straight from
 * the request's event loop; the returned Uni ends on that same context once Kafka acknowledged
 * every record (acks=all), or fails. {@code max.block.ms=0}: a send never blocks the event loop (on
 * missing metadata or a full buffer it fails at once, and the request is answered 503), and the
 * delivery timeout bounds how long an acknowledgement may take.
 */
@ApplicationScoped
public class RawEventPublisher {

    private static final Logger LOG = Logger.getLogger(RawEventPublisher.class);

    /** One record to append: its key (the session) and the envelope's JSON text. */
    public record Envelope(String key, String json) {}

    private final KafkaProducer<String, String> producer;
    private volatile boolean metadataLoaded;
    private volatile boolean stopping;

    RawEventPublisher(IngestConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.producer = new KafkaProducer<>(settings(config, kafka), new StringSerializer(), new StringSerializer());
    }

    /**
     * The producer's settings: the connection and credentials Quarkus was given ({@code kafka.*}),
     * then durability (acks=all with idempotence: a record Kafka acknowledged is on every in-sync
     * replica, and a producer retry never writes it twice) and batching (lz4, 64 KB batches, the
     * linger: what trades latency at light load for throughput under load).
     */
    static Map<String, Object> settings(IngestConfig config, Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, config.lingerMs());
        int sendTimeout = (int) config.sendTimeout().toMillis();
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeout);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, sendTimeout * 3 / 4 - config.lingerMs()));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        return settings;
    }

    /**
     * Loads the raw topic's metadata in the background (the first send would otherwise find none
     * and be refused), retrying until Kafka answers; {@link #isReady()} says when it is done.
     */
    void onStart(@Observes StartupEvent event) {
        Thread loader = new Thread(
                () -> {
                    while (!stopping && !metadataLoaded) {
                        try {
                            producer.partitionsFor(Topics.RAW);
                            metadataLoaded = true;
                        } catch (RuntimeException notYet) {
                            sleep(Duration.ofMillis(100));
                        }
                    }
                },
                "raw-topic-metadata");
        loader.setDaemon(true);
        loader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        producer.close(Duration.ofSeconds(5));
    }

    /** True once the raw topic's partitions are known, so sends can be placed. */
    public boolean isReady() {
        return metadataLoaded;
    }

    /** Sends the envelopes; the Uni ends, on the caller's context, once Kafka acknowledged all or one failed. */
    public Uni<Void> publish(List<Envelope> envelopes) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> {
            AtomicInteger pending = new AtomicInteger(envelopes.size());
            AtomicReference<Exception> firstFailure = new AtomicReference<>();
            for (Envelope envelope : envelopes) {
                try {
                    producer.send(
                            new ProducerRecord<>(Topics.RAW, envelope.key(), envelope.json()), (sent, failure) -> {
                                if (failure != null) {
                                    firstFailure.compareAndSet(null, failure);
                                }
                                if (pending.decrementAndGet() == 0) {
                                    complete(emitter, firstFailure.get(), context);
                                }
                            });
                } catch (RuntimeException refused) {
                    // Not even handed over (the producer is closing, say): the rest still count down.
                    firstFailure.compareAndSet(null, refused);
                    if (pending.decrementAndGet() == 0) {
                        complete(emitter, firstFailure.get(), context);
                    }
                }
            }
        });
    }

    /** Resumes the request on its own event loop, once for the whole batch. */
    private static void complete(UniEmitter<? super Void> emitter, Exception failure, Context context) {
        Runnable done = failure == null ? () -> emitter.complete(null) : () -> emitter.fail(failure);
        if (context == null) {
            done.run();
        } else {
            context.runOnContext(ignored -> done.run());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
