package io.theeye.query.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.theeye.contract.Topics;
import io.theeye.contract.Uuids;
import io.theeye.query.config.QueryConfig;
import io.theeye.query.service.LiveEvent;
import io.theeye.query.service.LiveHub;
import io.theeye.service.logging.OutageLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * This instance's one reader of the decided events ({@code eye.events.valid} and
 * {@code eye.events.invalid}) for the live view. It joins no consumer group and commits nothing:
 * it assigns itself every partition of both topics and starts at their end when someone watches,
 * and pauses (forgetting what it held) once nobody has watched for a while. Its own thread hands
 * what it reads to the {@link LiveHub}, which never makes it wait.
 */
@ApplicationScoped
public class DecidedEventConsumer {

    private static final Logger LOG = Logger.getLogger(DecidedEventConsumer.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final Map<String, Object> kafka;
    private final LiveHub hub;
    private final ObjectMapper mapper;
    private final boolean enabled;
    private final OutageLog outage = new OutageLog(LOG);
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    DecidedEventConsumer(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            LiveHub hub,
            ObjectMapper mapper,
            QueryConfig config) {
        this.kafka = kafka;
        this.hub = hub;
        this.mapper = mapper;
        this.enabled = config.live().enabled();
    }

    void start(@Observes StartupEvent started) {
        if (!enabled) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "eye-live-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> opened =
                    new KafkaConsumer<>(settings(), new StringDeserializer(), new StringDeserializer())) {
                consumer = opened;
                consume(opened);
            } catch (WakeupException stopping) {
                // asked to stop
            } catch (RuntimeException e) {
                outage.failed(
                        "the live view cannot read the decided events; retrying every %d s: %s",
                        RETRY.toSeconds(), e.toString());
                sleep(RETRY);
            }
        }
    }

    private void consume(KafkaConsumer<String, String> opened) {
        List<TopicPartition> partitions = partitions(opened);
        opened.assign(partitions);
        opened.pause(partitions);
        boolean paused = true;
        while (running) {
            boolean watched = hub.watched();
            if (watched && paused) {
                // Viewers see what is decided from now on: no backlog.
                opened.seekToEnd(partitions);
                opened.resume(partitions);
                paused = false;
            } else if (!watched && !paused) {
                opened.pause(partitions);
                hub.forgetRecent();
                paused = true;
            }
            ConsumerRecords<String, String> records = opened.poll(Duration.ofMillis(paused ? 250 : 200));
            outage.worked("the live view reads the decided events again");
            if (!records.isEmpty()) {
                List<LiveEvent> events = new ArrayList<>(records.count());
                for (ConsumerRecord<String, String> record : records) {
                    LiveEvent event = decode(record);
                    if (event != null) {
                        events.add(event);
                    }
                }
                hub.publish(events);
            }
        }
    }

    /** Every partition of both topics; fails (and is retried) while either does not exist yet. */
    private static List<TopicPartition> partitions(KafkaConsumer<String, String> opened) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.VALID, Topics.INVALID)) {
            List<PartitionInfo> found = opened.partitionsFor(topic);
            if (found == null || found.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " not found");
            }
            found.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    /** The broker settings ({@code kafka.*}) for a groupless, read-only consumer with small buffers. */
    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                settings.put(name, value);
            }
        });
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "eye-query-live");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // What one fetch may bring into memory: the view needs recent events, not throughput.
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * 1024 * 1024);
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 512 * 1024);
        return settings;
    }

    /** A record as the hub needs it, or null (logged) when it is not a record of either shape. */
    LiveEvent decode(ConsumerRecord<String, String> record) {
        try {
            JsonNode value = mapper.readTree(record.value());
            String id = record.topic() + ":" + record.partition() + ":" + record.offset();
            UUID application =
                    Uuids.parse(value.path("application_id").asText()).orElse(null);
            if (record.topic().equals(Topics.VALID)) {
                return new LiveEvent(
                        id,
                        LiveEvent.Kind.VALID,
                        application,
                        text(value.get("category")),
                        text(value.get("name")),
                        List.of(),
                        record.value());
            }
            List<String> codes = new ArrayList<>();
            value.path("errors").forEach(error -> codes.add(error.path("code").asText()));
            JsonNode payload = value.path("payload");
            return new LiveEvent(
                    id,
                    LiveEvent.Kind.INVALID,
                    application,
                    text(payload.get("category")),
                    text(payload.get("name")),
                    List.copyOf(codes),
                    record.value());
        } catch (Exception e) {
            LOG.debugf(
                    "not a decided-event record at %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e);
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
