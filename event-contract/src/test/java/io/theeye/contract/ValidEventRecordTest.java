package io.theeye.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValidEventRecordTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final ValidEventRecord RECORD = ValidEventRecord.of(
            UUID.fromString("0190c3a2-0000-7000-8000-000000000001"),
            UUID.fromString("0d3e0000-0000-4000-8000-000000000001"),
            UUID.fromString("e2085be5-9137-4e4e-80b5-f1ffddc25423"),
            "page interaction",
            "pageview",
            "{\"host\": \"www.example.com\", \"path\": \"/\"}",
            Instant.parse("2021-01-01T09:15:27.243860Z"),
            null,
            Instant.parse("2021-01-01T09:15:28Z"),
            1,
            4,
            1234L);

    @Test
    void writesTheDocumentedFieldsInSnakeCaseWithTheSchemaFirstAndDataAsJson() throws Exception {
        String json = MAPPER.writeValueAsString(RECORD);

        assertThat(json).startsWith("{\"schema\":\"eye.valid/1\",\"event_id\":");
        assertThat(MAPPER.readTree(json).get("data").get("host").asText()).isEqualTo("www.example.com");
        assertThat(MAPPER.readTree(json).fieldNames())
                .toIterable()
                .containsExactly(
                        "schema",
                        "event_id",
                        "application_id",
                        "session_id",
                        "category",
                        "name",
                        "data",
                        "occurred_at",
                        "corrected_at",
                        "received_at",
                        "schema_version",
                        "kafka_partition",
                        "kafka_offset");
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        ValidEventRecord read = MAPPER.readValue(MAPPER.writeValueAsString(RECORD), ValidEventRecord.class);

        assertThat(MAPPER.readTree(read.data())).isEqualTo(MAPPER.readTree(RECORD.data()));
        assertThat(read).usingRecursiveComparison().ignoringFields("data").isEqualTo(RECORD);
    }

    @Test
    void carriesTimesAsPostgresStoresThem() {
        ValidEventRecord fine = ValidEventRecord.of(
                RECORD.eventId(),
                RECORD.applicationId(),
                RECORD.sessionId(),
                RECORD.category(),
                RECORD.name(),
                RECORD.data(),
                Instant.parse("2026-11-30T07:50:10.022289841Z"),
                null,
                Instant.parse("2026-11-30T07:50:10.5000009Z"),
                1,
                0,
                0L);

        assertThat(fine.occurredAt()).isEqualTo(Instant.parse("2026-11-30T07:50:10.022289Z"));
        assertThat(fine.receivedAt()).isEqualTo(Instant.parse("2026-11-30T07:50:10.500000Z"));
    }
}
