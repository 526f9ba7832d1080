package io.theeye.client.example;

import io.theeye.client.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One visitor's session on a web shop: lands on a page, browses, clicks calls to action, sometimes
 * submits a form, and leaves after a while. Asked for a bad event, it makes one of the mistakes
 * real integrations make, which ingest accepts and the processor records as invalid.
 */
final class SimulatedVisitor {

    private static final String HOST = "shop.example.com";
    private static final List<String> PAGES =
            List.of("/", "/products", "/products/42", "/products/7", "/cart", "/checkout", "/about");
    private static final List<String> CALLS_TO_ACTION =
            List.of("add-to-cart", "buy-now", "newsletter-signup", "see-more", "free-shipping-banner");

    private final UUID sessionId = UUID.randomUUID();
    private final int length;
    private String page;
    private int sent;

    SimulatedVisitor(Random random) {
        this.length = 5 + random.nextInt(26);
        this.page = PAGES.get(random.nextInt(PAGES.size()));
    }

    UUID sessionId() {
        return sessionId;
    }

    /** The visitor has done what it came for. */
    boolean isDone() {
        return sent >= length;
    }

    /** The visitor's next event: a page view most of the time, then clicks and form submits. */
    Event next(Random random, boolean bad) {
        sent++;
        if (bad) {
            return mistake(random);
        }
        if (sent == 1) {
            return Event.pageView(sessionId, HOST, page);
        }
        int roll = random.nextInt(100);
        if (page.equals("/checkout") && roll < 40) {
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("email", "visitor-" + sessionId.toString().substring(0, 8) + "@example.com");
            form.put("shipping", random.nextBoolean() ? "standard" : "express");
            form.put("items", 1 + random.nextInt(4));
            return Event.formSubmit(sessionId, HOST, page, form);
        }
        if (roll < 30) {
            return Event.ctaClick(sessionId, HOST, page, CALLS_TO_ACTION.get(random.nextInt(CALLS_TO_ACTION.size())));
        }
        page = PAGES.get(random.nextInt(PAGES.size()));
        return Event.pageView(sessionId, HOST, page);
    }

    private Event mistake(Random random) {
        return switch (random.nextInt(4)) {
            // data without the path every page event needs
            case 0 -> Event.of(sessionId, Event.PAGE_INTERACTION, "pageview", Map.of("host", HOST));
            // a type nobody registered
            case 1 -> Event.of(sessionId, Event.PAGE_INTERACTION, "scroll", Map.of("host", HOST, "path", page));
            // a click without the element clicked
            case 2 -> Event.of(sessionId, Event.PAGE_INTERACTION, "cta click", Map.of("host", HOST, "path", page));
            // a device clock a day ahead
            default -> Event.pageView(sessionId, HOST, page).at(Instant.now().plus(Duration.ofDays(1)));
        };
    }
}
