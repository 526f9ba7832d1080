package io.theeye.system;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Events drawn from a seed, written as raw JSON text so that they can hold what a tree cannot:
 * duplicate keys, escapes of unpaired surrogates and NUL, numbers beyond any double. Text comes
 * from all of Unicode (control, private-use, non-characters, pairs and halves of pairs), nesting
 * reaches past the processor's limit, timestamps sit on and over every edge, and event ids repeat
 * within and across applications. Roughly half the events are of a registered type, so some are
 * valid: the point is that every one ends up stored, valid or invalid, and nothing stalls.
 */
final class GeneratedEvents {

    /** One generated event: its JSON text and the event_id it carries, if any. */
    record Generated(String json, UUID eventId) {}

    private static final String[][] REGISTERED = {
        {"page interaction", "pageview"}, {"page interaction", "cta click"}, {"form interaction", "submit"}
    };

    private static final String[] ODD_TEXT = {
        "",
        " ",
        "plain",
        "é中文",
        "😀 pair",
        "\u0000",
        "a\u0000b",
        "\ud800",
        "\udc00 low",
        "x\ud83d",
        "\ud83d\ude00\ud83d",
        "\u0001\u001f\u007f",
        "\ue000 private",
        "\uffff\ufffe",
        "\ufeff bom",
        "line\u2028sep",
        "~0/~1 pointer",
        "\"quoted\" \\ back",
        "<script>alert(1)</script>",
        "'; DROP TABLE events; --",
        "\u202e right to left"
    };

    private static final String[] NUMBERS = {
        "0",
        "-0",
        "1",
        "-1",
        "0.1",
        "1e2",
        "1E+2",
        "1.5e-3",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "1e308",
        "1e309",
        "1e400",
        "-1e400",
        "1e-400",
        "1e999",
        "1e1000",
        "1e1001",
        "1e-1000",
        "1e-1001",
        "1e131072",
        "1e-16384",
        "123456789012345678901234567890.123456789012345678901234567890"
    };

    private final Random random;
    private final List<UUID> used = new ArrayList<>();

    GeneratedEvents(long seed) {
        this.random = new Random(seed);
    }

    /** Event ids drawn so far (to reuse, or to send from another application). */
    List<UUID> usedIds() {
        return used;
    }

    /** Up to {@code count} events, most of them in {@code session} (so they share its partition). */
    List<Generated> batch(UUID session, int count, Instant now) {
        List<Generated> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(session, now));
        }
        return events;
    }

    private Generated event(UUID session, Instant now) {
        StringBuilder json = new StringBuilder("{");
        UUID eventId = eventId();
        if (eventId != null) {
            field(json, "event_id", quoted(eventId.toString()));
        } else if (random.nextInt(20) == 0) {
            field(json, "event_id", quoted("not-a-uuid"));
        }
        if (random.nextInt(10) != 0) {
            field(json, "session_id", random.nextInt(12) == 0 ? anyValue(1) : quoted(session.toString()));
        }
        boolean registered = random.nextBoolean();
        String[] type = REGISTERED[random.nextInt(REGISTERED.length)];
        if (random.nextInt(15) != 0) {
            field(json, "category", registered ? quoted(type[0]) : anyValue(1));
        }
        if (random.nextInt(15) != 0) {
            field(json, "name", registered ? quoted(type[1]) : anyValue(1));
        }
        if (random.nextInt(15) != 0) {
            field(json, "data", registered && random.nextInt(3) != 0 ? data(type[1]) : anyValue(0));
        }
        if (random.nextInt(15) != 0) {
            field(json, "timestamp", timestamp(now));
        }
        if (random.nextInt(4) == 0) {
            field(json, "sent_at", timestamp(now));
        }
        if (random.nextInt(10) == 0) {
            // A duplicate key: the last one counts, in ingest, the processor and PostgreSQL alike.
            field(json, "timestamp", timestamp(now));
        }
        json.setLength(json.length() - 1);
        return new Generated(json.append('}').toString(), eventId);
    }

    /** Absent, new, or one already used (a retry, possibly with another time or payload). */
    private UUID eventId() {
        int draw = random.nextInt(10);
        if (draw < 3) {
            return null;
        }
        if (draw < 5 && !used.isEmpty()) {
            return used.get(random.nextInt(used.size()));
        }
        UUID id = new UUID(random.nextLong(), random.nextLong());
        UUID v4 = UUID.fromString(
                id.toString().substring(0, 14) + "4" + id.toString().substring(15));
        used.add(v4);
        return v4;
    }

    /** Data that satisfies the type's schema, with hostile extras beside it. */
    private String data(String name) {
        StringBuilder data = new StringBuilder("{");
        field(data, "host", quoted("www.example.com"));
        field(data, "path", quoted(random.nextBoolean() ? "/" : text()));
        if (name.equals("cta click")) {
            field(data, "element", quoted(text()));
        } else if (name.equals("submit")) {
            field(data, "form", random.nextBoolean() ? "{}" : object(2));
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            field(data, text(), anyValue(1));
        }
        if (random.nextInt(12) == 0) {
            field(data, "deep", nested(90 + random.nextInt(40)));
        }
        data.setLength(data.length() - 1);
        return data.append('}').toString();
    }

    private String anyValue(int depth) {
        return switch (random.nextInt(depth > 4 ? 4 : 7)) {
            case 0 -> quoted(text());
            case 1 -> NUMBERS[random.nextInt(NUMBERS.length)];
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> quoted(longText());
            case 4 -> object(depth + 1);
            case 5 -> "[" + anyValue(depth + 1) + "," + anyValue(depth + 1) + "]";
            default -> random.nextInt(20) == 0 ? nested(100 + random.nextInt(800)) : object(depth + 1);
        };
    }

    private String object(int depth) {
        StringBuilder object = new StringBuilder("{");
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            field(object, random.nextInt(6) == 0 ? "dup" : text(), anyValue(depth));
        }
        if (fields > 0) {
            object.setLength(object.length() - 1);
        }
        return object.append('}').toString();
    }

    /** Arrays and objects nested {@code levels} deep. */
    private String nested(int levels) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            boolean array = random.nextBoolean();
            open.append(array ? "[" : "{\"k\":");
            close.insert(0, array ? "]" : "}");
        }
        return open + "1" + close;
    }

    private String timestamp(Instant now) {
        return switch (random.nextInt(16)) {
            case 0 -> quoted("2021-01-01 09:15:27.243860");
            case 1 -> quoted(now.minusSeconds(random.nextInt(86_400)).toString());
            case 2 -> quoted(now.plus(4, ChronoUnit.MINUTES).toString());
            case 3 ->
                quoted(now.plus(random.nextInt(1000) + 6, ChronoUnit.MINUTES).toString());
            case 4 -> quoted("0001-01-01T00:00:00Z");
            case 5 -> quoted("9999-12-31T23:59:59Z");
            case 6 -> quoted("+10000-01-01T00:00:00Z");
            case 7 -> quoted("1969-12-31T23:59:59Z");
            case 8 -> quoted("2021-02-29 00:00:00");
            case 9 -> quoted("2021-01-01 23:59:60");
            case 10 -> quoted("2021-06-01T12:00:00+14:00");
            case 11 -> quoted("2021-06-01T12:00:00-12:00");
            case 12 -> quoted("2021-06-01T12:00:00.123456789Z");
            case 13 -> quoted(text());
            case 14 -> NUMBERS[random.nextInt(NUMBERS.length)];
            default -> random.nextBoolean() ? "null" : "{}";
        };
    }

    private String text() {
        if (random.nextInt(3) == 0) {
            return ODD_TEXT[random.nextInt(ODD_TEXT.length)];
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
            text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : 'a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private String longText() {
        return text().repeat(1 + random.nextInt(200));
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(quoted(name)).append(':').append(value).append(',');
    }

    /**
     * A JSON string: control characters, NUL and every non-ASCII character written as escapes,
     * except that some pairs are sent as UTF-8 (both forms must work). An unpaired surrogate can
     * only travel as an escape: UTF-8 has no form for it.
     */
    static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || (c > 0x7e && c % 3 == 0)) {
                boolean pair = Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (pair && c % 2 == 0) {
                    quoted.append(c).append(text.charAt(++i));
                } else {
                    quoted.append(String.format("\\u%04x", (int) c));
                }
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
