package io.theeye.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theeye.localstack.Fixtures;
import java.time.Instant;
import java.util.UUID;

/** Builds events and raw envelopes from the seed fixtures, for tests to mutate. */
final class EventTestData {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private EventTestData() {}

    /** A fresh copy of seed event 0 (pageview), 1 (cta click) or 2 (form submit). */
    static ObjectNode seed(int index) {
        return Fixtures.seedEvents().get(index).deepCopy();
    }

    /**
     * JSON text with every non-ASCII character escaped, as a client may send it: an unpaired
     * surrogate survives only as an escape (UTF-8 has no form for it).
     */
    static String ascii(Object json) {
        try {
            return MAPPER.writer()
                    .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature())
                    .writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw envelope ingest would write around an event. */
    static String envelope(UUID eventId, UUID applicationId, Object payload) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("event_id", eventId.toString());
        envelope.put("application_id", applicationId.toString());
        envelope.put("received_at", Instant.now().toString());
        envelope.set("payload", MAPPER.valueToTree(payload));
        return ascii(envelope);
    }
}
