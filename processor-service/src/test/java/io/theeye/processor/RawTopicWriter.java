package io.theeye.processor;

import io.theeye.contract.Topics;
import io.theeye.localstack.EyeService;
import io.theeye.localstack.LocalStackTestResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Appends records to the real raw topic as ingest would, with ingest's Kafka user (or as a broken
 * producer holding ingest's credentials might).
 */
final class RawTopicWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer =
            new KafkaProducer<>(config(), new StringSerializer(), new StringSerializer());

    private static Map<String, Object> config() {
        Map<String, Object> config =
                new HashMap<>(LocalStackTestResource.endpoints().kafkaClientConfig(EyeService.INGEST));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.RAW, key, value)).get(10, TimeUnit.SECONDS);
    }

    /** Sends one record and answers where it landed. */
    RecordMetadata sendAndLocate(String key, String value) throws Exception {
        return producer.send(new ProducerRecord<>(Topics.RAW, key, value)).get(10, TimeUnit.SECONDS);
    }

    /** Sends the values without waiting between them, so they travel in one producer batch. */
    void sendTogether(String key, List<String> values) throws Exception {
        List<Future<RecordMetadata>> sent = values.stream()
                .map(value -> producer.send(new ProducerRecord<>(Topics.RAW, key, value)))
                .toList();
        for (Future<RecordMetadata> one : sent) {
            one.get(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
