package io.theeye.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {

    @Test
    void readsTheCanonicalForm() {
        assertThat(Uuids.parse("e2085be5-9137-4e4e-80b5-f1ffddc25423"))
                .contains(UUID.fromString("e2085be5-9137-4e4e-80b5-f1ffddc25423"));
    }

    @Test
    void refusesShortFormsThatUuidFromStringWouldTake() {
        assertThat(Uuids.parse("1-2-3-4-5")).isEmpty();
        assertThat(Uuids.parse("e2085be5-9137-4e4e-80b5-f1ffddc2542")).isEmpty();
    }

    @Test
    void refusesNonsenseOfTheRightLengthAndNull() {
        assertThat(Uuids.parse("e2085be5-9137-4e4e-80b5-f1ffddc2542x")).isEmpty();
        assertThat(Uuids.parse(null)).isEmpty();
    }
}
