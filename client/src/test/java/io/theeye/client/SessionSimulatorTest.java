package io.theeye.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theeye.client.RealEye.StoredEvents;
import io.theeye.client.example.SessionSimulator;
import io.theeye.client.example.SimulationReport;
import io.theeye.client.example.SimulatorOptions;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example app simulates sessions through the client and reports what came of them. */
@ExtendWith(RealEyeExtension.class)
class SessionSimulatorTest {

    @Test
    void simulatedSessionsReachTheStoreWithTheirShareOfInvalidEvents(RealEye eye) {
        RegisteredApplication app = eye.registerApplication("client-simulator");
        SimulatorOptions options = SimulatorOptions.parse(
                new String[] {
                    "--url", eye.ingestUrl().toString(),
                    "--key", app.key(),
                    "--rate", "100",
                    "--duration", "2s",
                    "--sessions", "5",
                    "--bad-share", "0.2",
                    "--linger", "100ms",
                    "--seed", "42"
                },
                Map.of());
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        SimulationReport report = new SessionSimulator(options).run(new PrintStream(log, true, StandardCharsets.UTF_8));

        ClientStats stats = report.stats();
        assertThat(report.allSettled()).as(report.describe()).isTrue();
        assertThat(stats.tracked()).isBetween(190L, 200L);
        assertThat(stats.acknowledged()).isEqualTo(stats.tracked());
        assertThat(report.bad()).isPositive();
        assertThat(report.describe()).contains("acknowledged " + stats.acknowledged());
        // Ingest takes invalid events too; the processor sorts them into invalid_events.
        StoredEvents stored = eye.awaitStored(app.id(), stats.tracked());
        long valid = stats.tracked() - report.bad();
        assertThat(stored).isEqualTo(new StoredEvents(valid, valid, report.bad()));
    }

    @Test
    void refusesAnUnknownOption() {
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--key", "k", "--speed", "9"}, Map.of()))
                .hasMessageContaining("--speed");
    }

    @Test
    void takesTheKeyFromTheEnvironmentAndDurationsInShortForm() {
        SimulatorOptions options =
                SimulatorOptions.parse(new String[] {"--duration=90s"}, Map.of("EYE_APPLICATION_KEY", "k"));

        assertThat(options.applicationKey()).isEqualTo("k");
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(90));
    }
}
