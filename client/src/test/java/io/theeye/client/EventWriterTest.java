package io.theeye.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events are written once, in the wire format, and stamped with sent_at on each send. */
class EventWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final EventWriter writer = new EventWriter(MAPPER);

    @Test
    void writesTheWireFormatWithAMicrosecondUtcTimestamp() throws Exception {
        UUID session = UUID.randomUUID();
        Event event = Event.ctaClick(session, "www.example.com", "/", "buy")
                .at(Instant.parse("2021-01-01T09:15:27.243860123Z"));

        JsonNode json = MAPPER.readTree(writer.write(event));

        assertThat(json.get("event_id").asText()).isEqualTo(event.eventId().toString());
        assertThat(json.get("session_id").asText()).isEqualTo(session.toString());
        assertThat(json.get("category").asText()).isEqualTo("page interaction");
        assertThat(json.get("name").asText()).isEqualTo("cta click");
        assertThat(json.get("data").toString())
                .isEqualTo("{\"host\":\"www.example.com\",\"path\":\"/\",\"element\":\"buy\"}");
        assertThat(json.get("timestamp").asText()).isEqualTo("2021-01-01T09:15:27.243860Z");
        assertThat(json.has("sent_at")).isFalse();
    }

    @Test
    void stampsANewSentAtOnEachSendWhileTheEventStaysTheSame() throws Exception {
        List<PendingEvent> batch = pending(TestEvents.session(2));

        JsonNode first = MAPPER.readTree(writer.batchBody(batch, Instant.parse("2024-05-01T10:00:00Z")));
        JsonNode resent = MAPPER.readTree(writer.batchBody(batch, Instant.parse("2024-05-01T10:00:05.5Z")));

        for (int i = 0; i < 2; i++) {
            JsonNode once = first.get("events").get(i);
            JsonNode again = resent.get("events").get(i);
            assertThat(once.get("sent_at").asText()).isEqualTo("2024-05-01T10:00:00.000000Z");
            assertThat(again.get("sent_at").asText()).isEqualTo("2024-05-01T10:00:05.500000Z");
            assertThat(again.get("event_id")).isEqualTo(once.get("event_id"));
            assertThat(again.get("timestamp")).isEqualTo(once.get("timestamp"));
        }
    }

    @Test
    void knowsABatchBodysExactSizeBeforeWritingIt() {
        List<PendingEvent> batch = pending(TestEvents.session(7));
        int predicted = EventWriter.BATCH_OVERHEAD - 1;
        for (PendingEvent event : batch) {
            predicted += event.wireBytes();
        }

        assertThat(writer.batchBody(batch, Instant.now())).hasSize(predicted);
    }

    private List<PendingEvent> pending(List<Event> events) {
        List<PendingEvent> pending = new ArrayList<>();
        for (Event event : events) {
            byte[] json = writer.write(event);
            pending.add(new PendingEvent(pending.size() + 1, event.eventId(), json, EventWriter.wireBytes(json), 0));
        }
        return pending;
    }
}
