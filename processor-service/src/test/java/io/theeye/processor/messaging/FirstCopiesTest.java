package io.theeye.processor.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.theeye.contract.EventError;
import io.theeye.processor.validation.InvalidEvent;
import io.theeye.processor.validation.Judged;
import io.theeye.processor.validation.RawRecord;
import io.theeye.processor.validation.ValidEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Within one batch the first copy of an event, its application and id, in log order is the one kept. */
class FirstCopiesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final UUID APPLICATION = UUID.randomUUID();

    @Test
    void keepsTheEarlierOfTwoValidCopies() {
        UUID id = UUID.randomUUID();
        Judged first = valid(APPLICATION, id, 10);
        Judged resent = valid(APPLICATION, id, 11);
        Judged other = valid(APPLICATION, UUID.randomUUID(), 12);

        assertThat(BatchProcessor.firstCopies(List.of(first, other, resent))).containsExactly(first, other);
    }

    @Test
    void keepsAnInvalidFirstCopyOverALaterValidOne() {
        UUID id = UUID.randomUUID();
        Judged first = invalid(APPLICATION, id, 20);
        Judged later = valid(APPLICATION, id, 21);

        assertThat(BatchProcessor.firstCopies(List.of(first, later))).containsExactly(first);
    }

    @Test
    void keepsOneEventOfEachApplicationThatUsesTheSameId() {
        UUID id = UUID.randomUUID();
        Judged mine = valid(APPLICATION, id, 30);
        Judged theirs = valid(UUID.randomUUID(), id, 31);

        assertThat(BatchProcessor.firstCopies(List.of(mine, theirs))).containsExactly(mine, theirs);
    }

    private static Judged valid(UUID application, UUID id, long offset) {
        return judged(
                offset,
                new ValidEvent(
                        id,
                        application,
                        UUID.randomUUID(),
                        "page interaction",
                        "pageview",
                        "{}",
                        NOW,
                        null,
                        NOW,
                        0,
                        offset,
                        1));
    }

    private static Judged invalid(UUID application, UUID id, long offset) {
        return judged(
                offset,
                new InvalidEvent(id, application, NOW, null, "{}", null, null, List.<EventError>of(), null, 0, offset));
    }

    private static Judged judged(long offset, io.theeye.processor.validation.ValidationOutcome outcome) {
        return new Judged(new RawRecord("eye.events.raw", 0, offset, "{}", NOW), outcome);
    }
}
