package io.theeye.bench;

import io.theeye.contract.Topics;
import io.theeye.localstack.KafkaClientConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Prepares a drain run while processor-service is stopped: moves its consumer group to the end of
 * the raw topic (so earlier load does not count), then appends N envelopes. Prints the number of
 * stored events (valid plus invalid) before the run, which {@link DrainTimer} counts from.
 * Usage: {@code RawTopicFiller BOOTSTRAP JDBC_URL USER PASSWORD N}.
 */
public final class RawTopicFiller {

    static final String PROCESSOR_GROUP = "eye-processor";

    private RawTopicFiller() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int count = Integer.parseInt(args[4]);
        skipBacklog(bootstrap);
        BenchEvents events = new BenchEvents();
        UUID applicationId = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = KafkaProducerBaseline.producer(bootstrap, "5")) {
            for (int i = 0; i < count; i++) {
                UUID session = UUID.randomUUID();
                producer.send(new ProducerRecord<>(
                        Topics.RAW, session.toString(), events.envelope(UUID.randomUUID(), applicationId, session)));
            }
            producer.flush();
        }
        try (Connection connection = DriverManager.getConnection(args[1], args[2], args[3])) {
            System.out.println(storedEvents(connection));
        }
    }

    /** Valid plus invalid stored events: every envelope ends in one of the two. */
    static long storedEvents(Connection connection) throws java.sql.SQLException {
        try (ResultSet rows = connection
                .createStatement()
                .executeQuery("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM invalid_events)")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void skipBacklog(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(KafkaClientConfig.operatorFromEnvironment(bootstrap))) {
            int partitions = admin.describeTopics(java.util.List.of(Topics.RAW))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(Topics.RAW)
                    .partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(Topics.RAW, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            ends.forEach((partition, end) -> commit.put(partition, new OffsetAndMetadata(end.offset())));
            // Fails if the group still has members: the processor must be stopped, and the
            // broker may need a session timeout to forget a killed one; retry briefly.
            for (int attempt = 1; ; attempt++) {
                try {
                    admin.alterConsumerGroupOffsets(PROCESSOR_GROUP, commit)
                            .all()
                            .get(30, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (attempt >= 30) {
                        throw e;
                    }
                    Thread.sleep(1000);
                }
            }
        }
    }
}
