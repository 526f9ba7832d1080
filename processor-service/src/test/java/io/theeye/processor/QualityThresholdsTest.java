package io.theeye.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theeye.processor.quality.ApplicationSignals;
import io.theeye.processor.quality.QualityThresholds;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules that open and resolve incidents, without a database. */
class QualityThresholdsTest {

    private static final QualityThresholds RULES =
            new QualityThresholds(0.05, 0.04, 20, Duration.ofMinutes(15), Duration.ofMinutes(30));

    @Test
    void aShareBetweenRecoveryAndThresholdNeitherOpensNorResolves() {
        ApplicationSignals hovering = signals(955, 45, 60.0, false);

        assertThat(RULES.opensInvalidShare(hovering)).isFalse();
        assertThat(RULES.resolvesInvalidShare(hovering)).isFalse();
    }

    @Test
    void aHighShareOpensOnlyWithEnoughEvents() {
        assertThat(RULES.opensInvalidShare(signals(30, 10, 60.0, false))).isTrue();
        assertThat(RULES.opensInvalidShare(signals(9, 10, 60.0, false))).isFalse();
    }

    @Test
    void noEventsInTheWindowResolveAShareIncident() {
        assertThat(RULES.resolvesInvalidShare(signals(0, 0, 3600.0, false))).isTrue();
    }

    @Test
    void anApplicationSilentForMoreThanADayStaysSilentRatherThanRecovered() {
        ApplicationSignals goneForDays = signals(0, 0, null, true);

        assertThat(RULES.resolvesSilent(goneForDays)).isFalse();
        assertThat(RULES.opensSilent(goneForDays)).isFalse();
        assertThat(RULES.isSilent(goneForDays)).isTrue();
        assertThat(RULES.isSilent(signals(0, 0, null, false))).isFalse();
    }

    @Test
    void silenceStartsAfterTheConfiguredTime() {
        assertThat(RULES.opensSilent(signals(0, 0, 1801.0, false))).isTrue();
        assertThat(RULES.resolvesSilent(signals(1, 0, 1799.0, true))).isTrue();
    }

    @Test
    void refusesARecoveryAboveTheThresholdAndASilenceOfADayOrMore() {
        assertThatThrownBy(() -> new QualityThresholds(0.05, 0.06, 20, Duration.ofMinutes(15), Duration.ofMinutes(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityThresholds(0.05, 0.04, 20, Duration.ofMinutes(15), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ApplicationSignals signals(long valid, long invalid, Double secondsSinceLast, boolean silentOpen) {
        return new ApplicationSignals(UUID.randomUUID(), "app", valid, invalid, secondsSinceLast, silentOpen);
    }
}
