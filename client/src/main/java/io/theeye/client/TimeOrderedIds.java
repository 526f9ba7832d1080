package io.theeye.client;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): milliseconds first, then 74 random bits. Ids made close in time
 * sort close together, so the server's primary-key index grows at its end instead of everywhere.
 */
final class TimeOrderedIds {

    // Ids must not collide across every client of every application: strong randomness, not a PRNG
    // seeded from the clock.
    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {}

    static UUID next() {
        long millis = System.currentTimeMillis();
        long mostSignificant = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long leastSignificant = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
