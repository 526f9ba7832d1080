package io.theeye.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Application keys: how they are made, shown and hashed. Only the hash is ever stored. */
public final class ApplicationKeys {

    /** Every key starts with this, so leaked keys are easy to recognise and scan for. */
    public static final String PREFIX = "eye_";

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_CHARACTERS = 32;
    private static final int DISPLAY_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApplicationKeys() {}

    /** A new random key: the prefix and 32 base62 characters (about 190 bits). */
    public static String generate() {
        StringBuilder key = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_CHARACTERS; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    /** Lowercase hex SHA-256 of the key: what the database holds and lookups compare. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The first characters of a key, safe to display so people can tell keys apart. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(DISPLAY_LENGTH, key.length()));
    }
}
