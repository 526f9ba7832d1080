package io.theeye.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StoredTextTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void refusesTextWithNul() {
        assertThat(StoredText.storable("page interaction")).isTrue();
        assertThat(StoredText.storable("page\u0000interaction")).isFalse();
    }

    @Test
    void findsNulInNestedValuesAndFieldNames() throws Exception {
        assertThat(StoredText.storable(MAPPER.readTree("{\"a\": [1, {\"b\": \"ok\"}], \"c\": null}")))
                .isTrue();
        assertThat(StoredText.storable(MAPPER.readTree("{\"a\": [1, {\"b\": \"x\\u0000\"}]}")))
                .isFalse();
        assertThat(StoredText.storable(MAPPER.readTree("{\"a\\u0000\": 1}"))).isFalse();
    }
}
