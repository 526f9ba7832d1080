package io.theeye.bench;

import io.theeye.localstack.KafkaClientConfig;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka's own ceiling, as kafka-producer-perf-test measures it, with ingest-service's producer
 * settings (acks=all, idempotent, lz4, 64 KB batches, linger 5 ms) and its envelope as the record.
 * Sends for a fixed time, like the perf test with a time bound. Usage: {@code KafkaProducerBaseline
 * BOOTSTRAP TOPIC SECONDS}. Prints one JSON line.
 */
public final class KafkaProducerBaseline {

    private KafkaProducerBaseline() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        long sendNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        try (Admin admin = Admin.create(KafkaClientConfig.operatorFromEnvironment(bootstrap))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!names.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
        BenchEvents events = new BenchEvents();
        UUID applicationId = UUID.randomUUID();
        // Pre-built like the perf test's payload file, so the loop measures the producer only.
        String[] values = new String[1000];
        String[] keys = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            UUID session = UUID.randomUUID();
            keys[i] = session.toString();
            values[i] = events.envelope(UUID.randomUUID(), applicationId, session);
        }
        try (KafkaProducer<String, String> producer = producer(bootstrap, "5")) {
            long start = System.nanoTime();
            int records = 0;
            while (System.nanoTime() - start < sendNanos) {
                for (int i = 0; i < values.length; i++, records++) {
                    producer.send(new ProducerRecord<>(topic, keys[i], values[i]));
                }
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "{\"records\":%d,\"record_bytes\":%d,\"seconds\":%.3f,\"records_per_s\":%.1f}%n",
                    records, values[0].length(), seconds, records / seconds);
        }
    }

    static KafkaProducer<String, String> producer(String bootstrap, String lingerMs) {
        Properties config = new Properties();
        config.putAll(KafkaClientConfig.operatorFromEnvironment(bootstrap));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }
}
