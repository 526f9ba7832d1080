package io.theeye.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theeye.contract.Topics;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stack is secured as production is: the broker refuses clients without credentials or with
 * wrong ones and each service's user outside its ACLs; each PostgreSQL role is refused what its
 * service must not do. One stack for the class; every Kafka wait is bounded by a few seconds.
 */
class StackSecurityTest {

    /** How long a refused client may try before it gives up (it must be refused, not hang). */
    private static final int CLIENT_BOUND_MS = 5_000;

    private static LocalStack stack;
    private static StackEndpoints endpoints;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(StackOptions.forTests(Files.createTempDirectory("eye-security-test"), true));
        endpoints = stack.endpoints();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    // ------------------------------------------------------------------ Kafka

    @Test
    void ingestsUserMayWriteTheRawTopic() throws Exception {
        try (KafkaProducer<String, String> producer = producer(endpoints.kafkaClientConfig(EyeService.INGEST))) {
            assertThat(producer.send(new ProducerRecord<>(Topics.RAW, "k", "{}"))
                            .get(10, TimeUnit.SECONDS)
                            .topic())
                    .isEqualTo(Topics.RAW);
        }
    }

    @Test
    void aProducerWithoutCredentialsIsRefused() {
        Map<String, Object> anonymous =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = producer(anonymous)) {
            // The broker speaks only SASL: a plaintext client never gets metadata, so it gives up.
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.RAW, "k", "{}"))
                            .get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void aProducerWithAWrongPasswordIsRefused() {
        Map<String, Object> wrong = KafkaClientConfig.scram(
                endpoints.kafkaBootstrapServers(), EyeService.INGEST.kafkaUser().orElseThrow(), "not-the-password");
        try (KafkaProducer<String, String> producer = producer(wrong)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.RAW, "k", "{}"))
                            .get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "INGEST, eye.events.invalid",
        "INGEST, eye.events.valid",
        "QUERY, eye.events.valid",
        "QUERY, eye.events.invalid",
        "QUERY, eye.events.raw"
    })
    void aServiceUserMayNotWriteATopicItOnlyReadsOrNeverUses(EyeService service, String topic) {
        // Without idempotence the refusal is the topic's, not the cluster's (an idempotent producer
        // first asks for a producer id, which a user allowed to write nowhere is refused).
        Map<String, Object> client = new HashMap<>(endpoints.kafkaClientConfig(service));
        client.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        try (KafkaProducer<String, String> producer = producer(client)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "{}"))
                            .get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void processorsUserMayWriteTheValidTopicAndQuerysUserMayReadItWithoutAGroup() throws Exception {
        String key = "stack-security-" + System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(endpoints.kafkaClientConfig(EyeService.PROCESSOR))) {
            producer.send(new ProducerRecord<>(Topics.VALID, key, "{}")).get(10, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = consumer(endpoints.kafkaClientConfig(EyeService.QUERY), null)) {
            List<TopicPartition> partitions = new java.util.ArrayList<>();
            for (String topic : List.of(Topics.VALID, Topics.INVALID)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            boolean found = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!found && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    found |= key.equals(record.key());
                }
            }
            assertThat(found).as("the processor's record, read by query").isTrue();
        }
    }

    @Test
    void querysUserMayNotReadTheRawTopic() {
        try (KafkaConsumer<String, String> consumer = consumer(endpoints.kafkaClientConfig(EyeService.QUERY), null)) {
            consumer.assign(List.of(new TopicPartition(Topics.RAW, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void querysUserMayNotJoinAConsumerGroup() {
        try (KafkaConsumer<String, String> consumer =
                consumer(endpoints.kafkaClientConfig(EyeService.QUERY), "eye-query")) {
            consumer.subscribe(List.of(Topics.VALID));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void ingestsUserMayNotReadTheRawTopic() {
        try (KafkaConsumer<String, String> consumer =
                consumer(endpoints.kafkaClientConfig(EyeService.INGEST), "eye-processor")) {
            consumer.subscribe(List.of(Topics.RAW));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
                    .isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class);
        }
    }

    @Test
    void processorsUserMayNotWriteTheRawTopic() {
        try (KafkaProducer<String, String> producer = producer(endpoints.kafkaClientConfig(EyeService.PROCESSOR))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.RAW, "k", "{}"))
                            .get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"INGEST", "PROCESSOR", "QUERY"})
    void noServiceUserMayDeleteTheRawTopic(EyeService service) {
        try (Admin admin = admin(endpoints.kafkaClientConfig(service))) {
            assertThatThrownBy(
                            () -> admin.deleteTopics(List.of(Topics.RAW)).all().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThat(topicExists(Topics.RAW)).isTrue();
    }

    @Test
    void processorsUserMayNotMoveAnotherGroupsOffsets() throws Exception {
        try (Admin admin = admin(endpoints.kafkaClientConfig(EyeService.PROCESSOR))) {
            assertThatThrownBy(() -> admin.alterConsumerGroupOffsets(
                                    "someone-else", Map.of(new TopicPartition(Topics.RAW, 0), new OffsetAndMetadata(0)))
                            .all()
                            .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void ingestsUserMayNotMoveTheProcessorsOffsets() {
        try (Admin admin = admin(endpoints.kafkaClientConfig(EyeService.INGEST))) {
            assertThatThrownBy(() -> admin.alterConsumerGroupOffsets(
                                    "eye-processor",
                                    Map.of(new TopicPartition(Topics.RAW, 0), new OffsetAndMetadata(0)))
                            .all()
                            .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void processorsUserMayReadTheRawTopicInItsGroup() throws Exception {
        try (KafkaConsumer<String, String> consumer =
                consumer(endpoints.kafkaClientConfig(EyeService.PROCESSOR), "eye-processor-security-test")) {
            consumer.subscribe(List.of(Topics.RAW));
            consumer.poll(Duration.ofSeconds(3));
            consumer.commitSync(Duration.ofSeconds(10));
            assertThat(consumer.assignment()).isNotEmpty();
        }
    }

    // ------------------------------------------------------------------ PostgreSQL

    @ParameterizedTest(name = "{0} may not: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "QUERY     | INSERT INTO events (event_id, application_id, session_id, category, name, data, occurred_at, received_at, kafka_partition, kafka_offset) VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'c', 'n', '{}', now(), now(), 0, 0)",
                "QUERY     | DELETE FROM invalid_events",
                "QUERY     | UPDATE event_counts_hourly SET events = 0",
                "QUERY     | CREATE TABLE query_was_here (id int)",
                "QUERY     | DROP TABLE events",
                "QUERY     | ALTER TABLE applications ADD COLUMN owner text",
                "QUERY     | SELECT ensure_events_partition(current_date + 30)",
                "QUERY     | CREATE TEMP TABLE scratch (id int)",
                "INGEST    | SELECT count(*) FROM events",
                "INGEST    | SELECT count(*) FROM invalid_events",
                "INGEST    | INSERT INTO applications (id, name) VALUES (gen_random_uuid(), 'ingest-was-here')",
                "INGEST    | UPDATE application_keys SET expires_at = NULL",
                "INGEST    | CREATE TABLE ingest_was_here (id int)",
                "PROCESSOR | DELETE FROM events",
                "PROCESSOR | UPDATE events SET name = 'changed'",
                "PROCESSOR | UPDATE applications SET disabled_at = NULL",
                "PROCESSOR | INSERT INTO application_keys (key_hash, application_id, key_prefix) VALUES ('h', gen_random_uuid(), 'p')",
                "PROCESSOR | CREATE TABLE processor_was_here (id int)",
                "PROCESSOR | TRUNCATE events",
            })
    void eachServiceRoleIsRefusedWhatItsServiceMustNotDo(EyeService service, String statement) {
        assertThatThrownBy(() -> execute(service, statement))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                        .as("insufficient privilege (or must be owner)")
                        .isIn("42501"));
    }

    @ParameterizedTest(name = "{0} may: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "INGEST    | SELECT count(*) FROM application_keys k JOIN applications a ON a.id = k.application_id",
                "PROCESSOR | SELECT ensure_events_partition(current_date + 30)",
                "PROCESSOR | SELECT count(*) FROM event_types",
                // The dry run takes an application's key, as ingest does.
                "PROCESSOR | SELECT count(*) FROM application_keys k JOIN applications a ON a.id = k.application_id",
                "PROCESSOR | INSERT INTO events (event_id, application_id, session_id, category, name, data, occurred_at, received_at, kafka_partition, kafka_offset) VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'c', 'n', '{}', now(), now(), 0, 0)",
                "QUERY     | SELECT count(*) FROM events",
                "QUERY     | SELECT count(*) FROM invalid_events",
                "QUERY     | INSERT INTO applications (id, name) VALUES (gen_random_uuid(), 'query-may-register')",
            })
    void eachServiceRoleMayDoWhatItsServiceNeeds(EyeService service, String statement) throws SQLException {
        execute(service, statement);
    }

    private static void execute(EyeService service, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        endpoints.jdbcUrl(),
                        service.databaseRole(),
                        endpoints.credentials().databasePassword(service.databaseRole()));
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute(sql);
            } finally {
                connection.rollback();
            }
        }
    }

    private static boolean topicExists(String topic) {
        try (Admin admin = Admin.create(endpoints.kafkaOperatorConfig())) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, CLIENT_BOUND_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, CLIENT_BOUND_MS);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, CLIENT_BOUND_MS - 1000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> client, String group) {
        Map<String, Object> config = new HashMap<>(client);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CLIENT_BOUND_MS);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static Admin admin(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CLIENT_BOUND_MS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CLIENT_BOUND_MS - 1000);
        return Admin.create(config);
    }
}
