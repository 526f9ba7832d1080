package io.theeye.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.contract.Topics;
import io.theeye.localstack.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code eye.events.valid} from its beginning as the broker's operator, without a group. */
final class ValidTopic {

    private ValidTopic() {}

    /**
     * Every record of the application, by event id (a redelivered batch may have published an
     * event more than once), read until every expected id was seen and the topic read to its end
     * at that moment, or until {@code within} ends.
     */
    static Map<UUID, List<JsonNode>> copies(
            StackEndpoints endpoints, UUID application, Set<UUID> expected, Duration within) {
        Map<UUID, List<JsonNode>> copies = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                endpoints.kafkaOperatorConfig(), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.VALID).stream()
                    .map(p -> new TopicPartition(Topics.VALID, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = null;
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode value = json(record.value());
                    if (value.path("application_id").asText().equals(application.toString())) {
                        copies.computeIfAbsent(
                                        UUID.fromString(value.get("event_id").asText()), id -> new ArrayList<>())
                                .add(value);
                    }
                }
                if (end == null && copies.keySet().containsAll(expected)) {
                    end = consumer.endOffsets(partitions);
                }
                if (end != null
                        && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    break;
                }
            }
        }
        return copies;
    }

    private static JsonNode json(String text) {
        try {
            return Http.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
