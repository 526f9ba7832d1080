package io.theeye.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theeye.contract.Topics;
import io.theeye.localstack.LocalStackTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the real raw topic from the start, to see what ingest appended. */
final class RawTopicReader implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A record as it sits on the topic. */
    record RawRecord(String key, JsonNode envelope, int partition) {}

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, RawRecord> seen = new HashMap<>();

    RawTopicReader() {
        // The operator's credentials: ingest's own Kafka user may only write the topic.
        Properties props = new Properties();
        props.putAll(LocalStackTestResource.endpoints().kafkaOperatorConfig());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(java.util.List.of(Topics.RAW));
    }

    /** The record carrying this event id, waiting at most ten seconds for it. */
    RawRecord find(UUID eventId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                JsonNode envelope = MAPPER.readTree(record.value());
                seen.put(envelope.get("event_id").asText(), new RawRecord(record.key(), envelope, record.partition()));
            }
            RawRecord found = seen.get(eventId.toString());
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("event " + eventId + " never reached " + Topics.RAW);
    }

    /** How many records with this event id were seen so far. */
    boolean contains(UUID eventId) {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> {
            try {
                JsonNode envelope = MAPPER.readTree(record.value());
                seen.put(envelope.get("event_id").asText(), new RawRecord(record.key(), envelope, record.partition()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return seen.containsKey(eventId.toString());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
