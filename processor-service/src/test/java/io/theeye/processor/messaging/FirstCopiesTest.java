package io.theeye.processor.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.theeye.contract.EventError;
import io.theeye.processor.validation.InvalidEvent;
import io.theeye.processor.validation.ValidEvent;
import io.theeye.processor.validation.ValidationOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Within one batch the first copy of an event in log order is the one kept. */
class FirstCopiesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    @Test
    void keepsTheEarlierOfTwoValidCopies() {
        UUID id = UUID.randomUUID();
        ValidEvent first = valid(id, 10);
        ValidEvent resent = valid(id, 11);
        ValidEvent other = valid(UUID.randomUUID(), 12);

        assertThat(BatchProcessor.firstCopies(List.of(first, other, resent))).containsExactly(first, other);
    }

    @Test
    void keepsAnInvalidFirstCopyOverALaterValidOne() {
        UUID id = UUID.randomUUID();
        InvalidEvent first = invalid(id, 20);
        ValidEvent later = valid(id, 21);

        assertThat(BatchProcessor.firstCopies(List.<ValidationOutcome>of(first, later)))
                .containsExactly(first);
    }

    @Test
    void keepsEveryRecordThatHasNoEventId() {
        InvalidEvent one = invalid(null, 30);
        InvalidEvent two = invalid(null, 31);

        assertThat(BatchProcessor.firstCopies(List.<ValidationOutcome>of(one, two)))
                .containsExactly(one, two);
    }

    private static ValidEvent valid(UUID id, long offset) {
        return new ValidEvent(
                id,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "page interaction",
                "pageview",
                "{}",
                NOW,
                null,
                NOW,
                0,
                offset,
                1);
    }

    private static InvalidEvent invalid(UUID id, long offset) {
        return new InvalidEvent(id, null, NOW, null, "not json", null, null, List.<EventError>of(), null, 0, offset);
    }
}
