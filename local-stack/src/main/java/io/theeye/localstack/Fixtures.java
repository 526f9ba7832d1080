package io.theeye.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The original challenge's example events (shared/fixtures/seed-events.json), for tests and demos. */
public final class Fixtures {

    /** The session the three seed events belong to. */
    public static final String SEED_SESSION = "e2085be5-9137-4e4e-80b5-f1ffddc25423";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    /** The page view, the call-to-action click and the form submit, in that order. */
    public static List<JsonNode> seedEvents() {
        try (InputStream in = Fixtures.class.getResourceAsStream("seed-events.json")) {
            List<JsonNode> events = new ArrayList<>();
            MAPPER.readTree(in).forEach(events::add);
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed events as JSON texts. */
    public static List<String> seedEventTexts() {
        return seedEvents().stream().map(JsonNode::toString).toList();
    }
}
