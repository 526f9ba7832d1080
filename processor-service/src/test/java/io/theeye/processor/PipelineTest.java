package io.theeye.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.contract.Topics;
import io.theeye.contract.ValidEventRecord;
import io.theeye.localstack.LocalStackTestResource;
import io.theeye.processor.validation.EventTypeRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole processor against real Kafka and PostgreSQL: records in, rows out, exactly once. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "migrate", value = "false"))
class PipelineTest {

    private static final Duration STORED_WITHIN = Duration.ofSeconds(60);
    private static final UUID APPLICATION = UUID.randomUUID();

    @Inject
    EventTypeRegistry registry;

    private RawTopicWriter raw;

    @BeforeEach
    void open() {
        raw = new RawTopicWriter();
        await().atMost(STORED_WITHIN).until(registry::isReady);
    }

    @AfterEach
    void close() {
        raw.close();
    }

    @Test
    void storesValidEventsAndRecordsInvalidOnesFromOneBatch() throws Exception {
        UUID good = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        ObjectNode broken = EventTestData.seed(1);
        broken.put("timestamp", "not a time");

        raw.send("s1", EventTestData.envelope(good, APPLICATION, EventTestData.seed(0)));
        raw.send("s1", EventTestData.envelope(bad, APPLICATION, broken));

        await().atMost(STORED_WITHIN)
                .until(() -> StoredEvents.countInvalid(bad) == 1 && StoredEvents.countValid(good) == 1);
        assertThat(StoredEvents.countValid(bad)).isZero();
        assertThat(StoredEvents.countInvalid(good)).isZero();
        assertThat(StoredEvents.invalidCodes(bad)).isEqualTo("invalid_timestamp");
    }

    @Test
    void publishesInvalidEventsWithTheirErrorsToTheInvalidTopic() throws Exception {
        UUID bad = UUID.randomUUID();
        ObjectNode broken = EventTestData.seed(0);
        broken.remove("session_id");

        raw.send(bad.toString(), EventTestData.envelope(bad, APPLICATION, broken));

        List<JsonNode> published = TopicReader.read(Topics.INVALID, withId(bad), 1, STORED_WITHIN);
        assertThat(published).as("invalid record on " + Topics.INVALID).hasSize(1);
        JsonNode found = published.get(0);
        assertThat(found.at("/errors/0/code").asText()).isEqualTo("missing_field");
        assertThat(found.at("/errors/0/path").asText()).isEqualTo("/session_id");
        assertThat(found.get("payload")).isEqualTo(broken);
    }

    @Test
    void publishesTheStoredCopyOfEachValidEventToTheValidTopicWithItsColumnsAndNoInvalidOne() throws Exception {
        UUID good = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        ObjectNode original = EventTestData.seed(0);
        // Finer than PostgreSQL keeps: the record carries the time as stored.
        original.put("timestamp", "2021-01-01T09:15:27.243860999Z");
        ObjectNode resent = EventTestData.seed(0);
        ((ObjectNode) resent.get("data")).put("path", "/resent");
        ObjectNode broken = EventTestData.seed(1);
        broken.remove("data");

        raw.send("valid-topic", EventTestData.envelope(good, APPLICATION, original));
        raw.send("valid-topic", EventTestData.envelope(bad, APPLICATION, broken));
        raw.send("valid-topic", EventTestData.envelope(good, APPLICATION, resent));
        UUID marker = UUID.randomUUID();
        raw.send("valid-topic", EventTestData.envelope(marker, APPLICATION, EventTestData.seed(2)));

        List<JsonNode> published = TopicReader.read(Topics.VALID, withId(good, bad, marker), 2, STORED_WITHIN);
        assertThat(published)
                .extracting(r -> r.get("event_id").asText())
                .containsExactlyInAnyOrder(good.toString(), marker.toString());
        JsonNode record = published.stream().filter(withId(good)).findFirst().orElseThrow();
        assertThat(record.get("schema").asText()).isEqualTo(ValidEventRecord.SCHEMA);
        assertThat(record.get("application_id").asText()).isEqualTo(APPLICATION.toString());
        assertThat(record.get("session_id").asText())
                .isEqualTo(original.get("session_id").asText());
        assertThat(record.get("category").asText())
                .isEqualTo(original.get("category").asText());
        assertThat(record.get("name").asText()).isEqualTo(original.get("name").asText());
        assertThat(record.get("data")).as("the first copy's data, as stored").isEqualTo(original.get("data"));
        assertThat(record.get("schema_version").asInt()).isEqualTo(1);
        assertThat(Instant.parse(record.get("occurred_at").asText()).toString())
                .isEqualTo(StoredEvents.occurredAtInstant(good))
                .isEqualTo("2021-01-01T09:15:27.243860Z");
        assertThat(record.get("kafka_partition").asInt() + ":"
                        + record.get("kafka_offset").asLong())
                .isEqualTo(StoredEvents.arrival(good));
    }

    private static java.util.function.Predicate<JsonNode> withId(UUID... ids) {
        java.util.Set<String> wanted =
                java.util.Arrays.stream(ids).map(UUID::toString).collect(java.util.stream.Collectors.toSet());
        return record -> wanted.contains(record.path("event_id").asText());
    }

    @Test
    void storesARecordDeliveredTwiceOnce() throws Exception {
        UUID id = UUID.randomUUID();
        String envelope = EventTestData.envelope(id, APPLICATION, EventTestData.seed(2));

        raw.send("twice", envelope);
        raw.send("twice", envelope);
        UUID marker = UUID.randomUUID();
        raw.send("twice", EventTestData.envelope(marker, APPLICATION, EventTestData.seed(0)));

        await().atMost(STORED_WITHIN).until(() -> StoredEvents.countValid(marker) == 1);
        assertThat(StoredEvents.countValid(id)).isEqualTo(1);
    }

    @Test
    void keepsTheFirstCopyWhenSeveralCopiesOfAnEventArriveInOneBatch() throws Exception {
        UUID first = UUID.randomUUID();
        UUID invalidFirst = UUID.randomUUID();
        ObjectNode original = EventTestData.seed(0);
        ObjectNode resent = EventTestData.seed(0);
        ((ObjectNode) resent.get("data")).put("path", "/resent");
        ObjectNode broken = EventTestData.seed(1);
        broken.remove("data");

        raw.sendTogether(
                "copies",
                List.of(
                        EventTestData.envelope(first, APPLICATION, original),
                        EventTestData.envelope(invalidFirst, APPLICATION, broken),
                        EventTestData.envelope(first, APPLICATION, resent),
                        EventTestData.envelope(invalidFirst, APPLICATION, EventTestData.seed(1))));

        await().atMost(STORED_WITHIN)
                .until(() -> StoredEvents.countValid(first) == 1 && StoredEvents.countInvalid(invalidFirst) == 1);
        assertThat(StoredEvents.validPath(first))
                .isEqualTo(original.at("/data/path").asText());
        assertThat(StoredEvents.countValid(invalidFirst)).isZero();
    }

    @Test
    void countsEachStoredEventOnceInTheHourlyRollupDespiteRedelivery() throws Exception {
        UUID application = UUID.randomUUID();
        UUID twice = UUID.randomUUID();
        UUID once = UUID.randomUUID();
        UUID invalid = UUID.randomUUID();
        ObjectNode broken = EventTestData.seed(0);
        broken.remove("data");
        String envelope = EventTestData.envelope(twice, application, EventTestData.seed(0));

        raw.send("rollup", envelope);
        raw.send("rollup", EventTestData.envelope(once, application, EventTestData.seed(1)));
        raw.send("rollup", envelope);
        raw.send("rollup", EventTestData.envelope(invalid, application, broken));

        await().atMost(STORED_WITHIN).until(() -> StoredEvents.countInvalid(invalid) == 1);
        assertThat(StoredEvents.countedInRollup(application, true)).isEqualTo(2);
        assertThat(StoredEvents.countedInRollup(application, false)).isEqualTo(1);
        assertThat(StoredEvents.countedOnArrival(application, true)).isEqualTo(2);
        assertThat(StoredEvents.countedOnArrival(application, false)).isEqualTo(1);
    }

    @Test
    void recordsARecordThatIsNotAnEnvelopeAsMalformedWithoutBlockingItsPartition() throws Exception {
        UUID after = UUID.randomUUID();

        raw.send("same-key", "this is not JSON at all");
        raw.send("same-key", EventTestData.envelope(after, APPLICATION, EventTestData.seed(0)));

        await().atMost(STORED_WITHIN).until(() -> StoredEvents.countValid(after) == 1);
    }

    @Test
    void recordsAnEventWithNulInAKeyAsInvalidAndStoresTheEventsBehindIt() throws Exception {
        UUID poisoned = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        ObjectNode event = EventTestData.seed(0);
        ((ObjectNode) event.get("data")).put("a\u0000b", 1);

        raw.send("nul", EventTestData.envelope(poisoned, APPLICATION, event));
        raw.send("nul", EventTestData.envelope(after, APPLICATION, EventTestData.seed(0)));

        await().atMost(STORED_WITHIN).until(() -> StoredEvents.countValid(after) == 1);
        assertThat(StoredEvents.invalidCodes(poisoned)).isEqualTo("invalid_field");
        assertThat(StoredEvents.invalidRawText(poisoned)).contains("a\\u0000b");
    }

    @Test
    void aRecordTheDatabaseRefusesIsRecordedAsUnstorableAndTheRestOfItsBatchIsStored() throws Exception {
        String category = "poison " + UUID.randomUUID();
        StoredEvents.execute("INSERT INTO event_types (category, name, version, schema) VALUES ('" + category
                + "', 'pill', 1, '{\"type\":\"object\"}')");
        registry.refresh().await().atMost(Duration.ofSeconds(10));
        // Validation accepts the event; the database, as a stand-in for a rule we did not foresee, refuses it.
        StoredEvents.execute("ALTER TABLE events ADD CONSTRAINT test_refuses_pills CHECK (name <> 'pill')");
        try {
            ObjectNode pill = EventTestData.seed(0);
            pill.put("category", category);
            pill.put("name", "pill");
            UUID refused = UUID.randomUUID();
            List<UUID> good =
                    java.util.stream.Stream.generate(UUID::randomUUID).limit(40).toList();
            List<String> batch = new java.util.ArrayList<>();
            good.subList(0, 20)
                    .forEach(id -> batch.add(EventTestData.envelope(id, APPLICATION, EventTestData.seed(0))));
            batch.add(EventTestData.envelope(refused, APPLICATION, pill));
            good.subList(20, 40)
                    .forEach(id -> batch.add(EventTestData.envelope(id, APPLICATION, EventTestData.seed(1))));

            raw.sendTogether("pills", batch);

            await().atMost(STORED_WITHIN).until(() -> StoredEvents.countInvalid(refused) == 1);
            assertThat(good)
                    .allSatisfy(id -> assertThat(StoredEvents.countValid(id)).isEqualTo(1));
            assertThat(StoredEvents.invalidCodes(refused)).isEqualTo("unstorable");
            assertThat(StoredEvents.invalidMessage(refused)).contains("test_refuses_pills");
            assertThat(StoredEvents.invalidRawText(refused)).contains(category);
        } finally {
            StoredEvents.execute("ALTER TABLE events DROP CONSTRAINT test_refuses_pills");
        }
    }

    @Test
    void aCopyWithAnotherTimestampIsTheSameEventAndTheFirstIsKept() throws Exception {
        UUID id = UUID.randomUUID();
        ObjectNode later = EventTestData.seed(0);
        later.put("timestamp", "2022-02-02 10:00:00");

        raw.send("same-id", EventTestData.envelope(id, APPLICATION, EventTestData.seed(0)));
        raw.send("same-id", EventTestData.envelope(id, APPLICATION, later));
        UUID marker = UUID.randomUUID();
        raw.send("same-id", EventTestData.envelope(marker, APPLICATION, EventTestData.seed(0)));

        await().atMost(STORED_WITHIN).until(() -> StoredEvents.countValid(marker) == 1);
        assertThat(StoredEvents.countValid(id)).isEqualTo(1);
        assertThat(StoredEvents.occurredAt(id)).startsWith("2021-01-01");
    }

    @Test
    void twoApplicationsMayUseTheSameEventId() throws Exception {
        UUID id = UUID.randomUUID();

        raw.send("shared-id", EventTestData.envelope(id, UUID.randomUUID(), EventTestData.seed(0)));
        raw.send("shared-id", EventTestData.envelope(id, UUID.randomUUID(), EventTestData.seed(1)));

        await().atMost(STORED_WITHIN).until(() -> StoredEvents.countValid(id) == 2);
    }

    @Test
    void recordsAnEnvelopeWithoutItsApplicationAsMalformed() throws Exception {
        UUID after = UUID.randomUUID();
        ObjectNode envelope = (ObjectNode) EventTestData.MAPPER.readTree(
                EventTestData.envelope(UUID.randomUUID(), APPLICATION, EventTestData.seed(0)));
        envelope.remove("application_id");
        int partition = raw.sendAndLocate("no-app", envelope.toString()).partition();

        raw.send("no-app", EventTestData.envelope(after, APPLICATION, EventTestData.seed(0)));

        await().atMost(STORED_WITHIN).until(() -> StoredEvents.countValid(after) == 1);
        assertThat(StoredEvents.malformedMessagesIn(partition))
                .anySatisfy(message -> assertThat(message).contains("application_id is missing"));
    }

    @Test
    void appliesANewSchemaVersionWithoutRestart() throws Exception {
        String category = "test " + UUID.randomUUID();
        StoredEvents.execute("INSERT INTO event_types (category, name, version, schema) VALUES ('" + category
                + "', 'thing', 1, '{\"type\":\"object\",\"required\":[\"a\"]}')");
        registry.refresh().await().atMost(Duration.ofSeconds(10));
        ObjectNode event = EventTestData.seed(0);
        event.put("category", category);
        event.put("name", "thing");
        event.set("data", EventTestData.MAPPER.readTree("{\"a\": 1}"));
        UUID before = UUID.randomUUID();
        raw.send("v", EventTestData.envelope(before, APPLICATION, event));
        await().atMost(STORED_WITHIN).until(() -> StoredEvents.countValid(before) == 1);

        StoredEvents.execute("INSERT INTO event_types (category, name, version, schema) VALUES ('" + category
                + "', 'thing', 2, '{\"type\":\"object\",\"required\":[\"a\",\"b\"]}')");
        registry.refresh().await().atMost(Duration.ofSeconds(10));
        UUID afterChange = UUID.randomUUID();
        raw.send("v", EventTestData.envelope(afterChange, APPLICATION, event));

        await().atMost(STORED_WITHIN).until(() -> StoredEvents.countInvalid(afterChange) == 1);
        assertThat(StoredEvents.invalidCodes(afterChange)).isEqualTo("schema_violation");
    }
}
