package io.theeye.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.theeye.contract.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path dataDir;

    @Test
    void startsRealKafkaAndPostgresWithTopicsAndSchema() throws Exception {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(dataDir, true))) {
            StackEndpoints endpoints = stack.endpoints();
            try (Admin admin = Admin.create(endpoints.kafkaOperatorConfig())) {
                Map<String, TopicDescription> topics = admin.describeTopics(
                                java.util.List.of(Topics.RAW, Topics.INVALID, Topics.VALID))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS);
                assertThat(topics.get(Topics.RAW).partitions()).hasSize(12);
                assertThat(topics.get(Topics.INVALID).partitions()).hasSize(3);
                assertThat(topics.get(Topics.VALID).partitions()).hasSize(12);
            }
            try (Connection connection = connect(endpoints);
                    ResultSet types = connection.createStatement().executeQuery("SELECT count(*) FROM event_types")) {
                types.next();
                assertThat(types.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void keepsDataAcrossRestartsWhenPersistent() throws Exception {
        StackOptions options =
                new StackOptions(dataDir, true, FreePorts.next(), FreePorts.next(), FreePorts.next(), 2, 1, true);
        try (LocalStack stack = LocalStack.start(options);
                Connection connection = connect(stack.endpoints())) {
            connection.createStatement().execute("CREATE TABLE survivor (id int)");
            connection.createStatement().execute("INSERT INTO survivor VALUES (42)");
        }
        try (LocalStack stack = LocalStack.start(options);
                Connection connection = connect(stack.endpoints());
                ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM survivor")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    private static Connection connect(StackEndpoints endpoints) throws java.sql.SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
    }
}
