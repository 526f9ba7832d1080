package io.theeye.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theeye.localstack.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A reproducible corpus of hostile requests to ingest: broken and truncated JSON, wrong types,
 * huge strings and numbers, deep nesting, invalid UTF-8, NUL bytes, duplicate keys, wrong content
 * types, oversized bodies, and missing or forged keys. Same seed, same corpus.
 */
final class BadInputCorpus {

    /**
     * One request.
     *
     * @param kind what is wrong with it, for the report
     * @param authorization the Authorization header, or null for none
     */
    record BadRequest(String kind, String path, String contentType, String authorization, byte[] body) {}

    private final Random random;
    private final String key;
    private final List<JsonNode> seeds = Fixtures.seedEvents();

    BadInputCorpus(long seed, String key) {
        this.random = new Random(seed);
        this.key = key;
    }

    List<BadRequest> generate(int count) {
        List<BadRequest> corpus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            corpus.add(next(i % 14));
        }
        return corpus;
    }

    private BadRequest next(int kind) {
        String event = seed().toString();
        return switch (kind) {
            case 0 -> json("truncated", event.substring(0, random.nextInt(event.length())));
            case 1 -> json("broken", event.replaceFirst("[,:\\]\\}]", randomOf(",,", "", "}", "]", ":", "'")));
            case 2 ->
                json(
                        "wrong types",
                        withField(randomOf("session_id", "category", "name", "data", "timestamp"), wrongValue()));
            case 3 -> json("huge string", withField("name", "\"" + "x".repeat(20_000 + random.nextInt(20_000)) + "\""));
            case 4 ->
                json(
                        "huge number",
                        withField(randomOf("timestamp", "data"), "1" + "0".repeat(500 + random.nextInt(2_000))));
            case 5 -> json("deep nesting", withField("data", "[".repeat(1_500) + "]".repeat(1_500)));
            case 6 -> bytes("invalid utf-8", invalidUtf8(event));
            case 7 ->
                json(
                        "nul byte",
                        random.nextBoolean()
                                ? event.replaceFirst("www", "w\\\\u0000w")
                                : event.replace("www", "w" + (char) 0 + "w"));
            case 8 -> json("duplicate keys", event.replaceFirst("\\{", "{\"name\": \"first\", "));
            case 9 ->
                new BadRequest(
                        "wrong content type",
                        "/v1/events",
                        randomOf(
                                "text/plain",
                                "application/xml",
                                "application/x-www-form-urlencoded",
                                "multipart/form-data"),
                        "Bearer " + key,
                        event.getBytes(StandardCharsets.UTF_8));
            case 10 -> json("oversized", batchOf(random.nextInt(2) == 0 ? 150 : 40, 20_000));
            case 11 ->
                new BadRequest(
                        "no key", "/v1/events", "application/json", null, event.getBytes(StandardCharsets.UTF_8));
            case 12 ->
                new BadRequest(
                        "forged key",
                        "/v1/events",
                        "application/json",
                        randomOf(
                                "Bearer eye_forgedForgedForgedForgedForged1",
                                "Bearer ",
                                "Basic dXNlcjpwYXNz",
                                "Bearer " + key + "x",
                                "Bearer ' OR '1'='1"),
                        event.getBytes(StandardCharsets.UTF_8));
            default ->
                json("not an event", randomOf("null", "42", "\"text\"", "[]", "[{}]", "true", "{\"events\": 7}", ""));
        };
    }

    private BadRequest json(String kind, String body) {
        return new BadRequest(
                kind,
                random.nextBoolean() ? "/v1/events" : "/v1/batch",
                "application/json",
                "Bearer " + key,
                (body.startsWith("{\"events\"") || random.nextBoolean() ? body : "{\"events\": [" + body + "]}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private BadRequest bytes(String kind, byte[] body) {
        return new BadRequest(kind, "/v1/events", "application/json", "Bearer " + key, body);
    }

    private ObjectNode seed() {
        return seeds.get(random.nextInt(seeds.size())).deepCopy();
    }

    private String withField(String field, String rawValue) {
        ObjectNode event = seed();
        event.remove(field);
        String json = event.toString();
        return "{\"" + field + "\": " + rawValue + ", " + json.substring(1);
    }

    private String wrongValue() {
        return randomOf(
                "42",
                "-1.5e308",
                "true",
                "null",
                "[]",
                "[1,2,3]",
                "{}",
                "{\"a\": {\"b\": 1}}",
                "\"\"",
                "\"not-a-uuid\"",
                "\"2021-13-45 99:99:99\"",
                "\"'; DROP TABLE events; --\"");
    }

    private byte[] invalidUtf8(String event) {
        byte[] text = event.getBytes(StandardCharsets.UTF_8);
        int at = 10 + random.nextInt(text.length - 20);
        text[at] = (byte) randomOf(0xC3, 0xFF, 0x80, 0xED, 0xF8).intValue();
        return text;
    }

    private String batchOf(int events, int bytesEach) {
        String pad = "y".repeat(bytesEach);
        StringBuilder body = new StringBuilder("{\"events\": [");
        for (int i = 0; i < events; i++) {
            body.append(i == 0 ? "" : ",").append("{\"pad\": \"").append(pad).append("\"}");
        }
        return body.append("]}").toString();
    }

    @SafeVarargs
    private <T> T randomOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
