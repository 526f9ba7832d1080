package io.theeye.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.localstack.LocalStackTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from its beginning as the broker's operator, without a consumer group. */
final class TopicReader {

    private TopicReader() {}

    /**
     * The values (as JSON) of the topic's records that match, once at least {@code atLeast} of them
     * were found and every record the topic held at that moment was read; what was found so far
     * when {@code within} ends first.
     */
    static List<JsonNode> read(String topic, Predicate<JsonNode> match, int atLeast, Duration within) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                LocalStackTestResource.endpoints().kafkaOperatorConfig(),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<JsonNode> found = new ArrayList<>();
            Map<TopicPartition, Long> end = null;
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode value = json(record.value());
                    if (match.test(value)) {
                        found.add(value);
                    }
                }
                if (end == null && found.size() >= atLeast) {
                    end = consumer.endOffsets(partitions);
                }
                if (end != null
                        && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    break;
                }
            }
            return found;
        }
    }

    private static JsonNode json(String value) {
        try {
            return EventTestData.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON on the topic: " + value, e);
        }
    }
}
