package io.theeye.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void plainAndPairedTextIsStorable() {
        assertThat(StorableText.firstUnstorable("page view é 😀")).isEqualTo(-1);
        assertThat(StorableText.escape("page view é 😀")).isEqualTo("page view é 😀");
    }

    @Test
    void findsNulAndUnpairedSurrogates() {
        assertThat(StorableText.firstUnstorable("a\u0000b")).isEqualTo(1);
        assertThat(StorableText.firstUnstorable("ab\ud800")).isEqualTo(2);
        assertThat(StorableText.firstUnstorable("\udc00x")).isZero();
        assertThat(StorableText.firstUnstorable("\ud800\ud800\udc00")).isZero();
        assertThat(StorableText.describe("a\u0000", 1)).contains("NUL");
        assertThat(StorableText.describe("\ud800", 0)).contains("U+D800");
    }

    @Test
    void escapesWhatCannotBeStoredAndKeepsTheRest() {
        assertThat(StorableText.escape("a\u0000b\ud800c😀\udc01"))
                .isEqualTo("a\\u0000b\\ud800c😀\\udc01")
                .satisfies(
                        escaped -> assertThat(StorableText.isStorable(escaped)).isTrue());
    }

    @Test
    void anErrorCannotCarryUnstorableText() {
        EventError error = new EventError(ErrorCode.INVALID_FIELD, "/data/a\u0000b", "key 'a\u0000b' at \ud800");
        assertThat(StorableText.isStorable(error.path())).isTrue();
        assertThat(StorableText.isStorable(error.message())).isTrue();
        assertThat(error.path()).isEqualTo("/data/a\\u0000b");
    }
}
