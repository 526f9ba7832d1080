package io.theeye.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theeye.contract.Topics;
import io.theeye.localstack.EyeService;
import io.theeye.localstack.LocalStackTestResource;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes decided events as the processor does, with the processor's Kafka user. */
public final class DecidedTopicWriter implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            new HashMap<String, Object>(LocalStackTestResource.endpoints().kafkaClientConfig(EyeService.PROCESSOR)),
            new StringSerializer(),
            new StringSerializer());

    /** A valid event's record ({@code eye.valid/1}); answers its id. */
    public UUID valid(UUID application, String category, String name, Map<String, ?> data) {
        UUID id = UUID.randomUUID();
        ObjectNode record = MAPPER.createObjectNode();
        record.put("schema", "eye.valid/1");
        record.put("event_id", id.toString());
        record.put("application_id", application.toString());
        record.put("session_id", UUID.randomUUID().toString());
        record.put("category", category);
        record.put("name", name);
        record.set("data", MAPPER.valueToTree(data));
        record.put("occurred_at", Instant.now().toString());
        record.putNull("corrected_at");
        record.put("received_at", Instant.now().toString());
        record.put("schema_version", 1);
        record.put("kafka_partition", 0);
        record.put("kafka_offset", 0);
        send(Topics.VALID, record.get("session_id").asText(), record);
        return id;
    }

    /** An invalid event's record with one error of this code; answers its id. */
    public UUID invalid(UUID application, String category, String name, String code) {
        UUID id = UUID.randomUUID();
        ObjectNode record = MAPPER.createObjectNode();
        record.put("event_id", id.toString());
        record.put("application_id", application.toString());
        record.put("received_at", Instant.now().toString());
        ObjectNode payload = record.putObject("payload");
        payload.put("category", category);
        payload.put("name", name);
        record.putArray("errors")
                .addObject()
                .put("code", code)
                .put("path", "/data")
                .put("message", "broken on purpose");
        record.put("validated_at", Instant.now().toString());
        send(Topics.INVALID, id.toString(), record);
        return id;
    }

    private void send(String topic, String key, ObjectNode record) {
        try {
            producer.send(new ProducerRecord<>(topic, key, record.toString())).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
