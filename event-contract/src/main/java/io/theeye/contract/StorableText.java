package io.theeye.contract;

/**
 * Text as PostgreSQL stores it: {@code text} and {@code jsonb} refuse the character U+0000, and a
 * UTF-16 surrogate without its partner has no UTF-8 form (drivers silently write '?' instead).
 */
public final class StorableText {

    private StorableText() {}

    /** The index of the first character PostgreSQL cannot store, or -1 when there is none. */
    public static int firstUnstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** True when PostgreSQL can store the text as it is. */
    public static boolean isStorable(String text) {
        return firstUnstorable(text) < 0;
    }

    /** Why the character at {@code index} cannot be stored, for an error message. */
    public static String describe(String text, int index) {
        char c = text.charAt(index);
        return c == '\u0000'
                ? "the character U+0000 (NUL)"
                : String.format("an unpaired UTF-16 surrogate (U+%04X)", (int) c);
    }

    /**
     * The text with every character PostgreSQL cannot store written as a {@code \\uXXXX} escape,
     * so that a reason, a path or a raw record can always be kept and still be read.
     */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnstorable(text);
        if (first < 0) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                escaped.append(c).append(text.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
