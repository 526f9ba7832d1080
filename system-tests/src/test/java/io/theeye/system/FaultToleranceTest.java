package io.theeye.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Crashes under steady load, each ending with a reconciliation: every event ingest acknowledged is
 * stored exactly once, valid or invalid. The services run as separate JVMs; kills are SIGKILL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest {

    private static final Duration PACE = Duration.ofMillis(100);
    private static final Duration DRAINED_WITHIN = Duration.ofSeconds(120);

    private static RunningEye eye;
    private static Reconciliation reconciliation;
    private static final List<ServiceProcess> processors = new ArrayList<>();

    @BeforeAll
    static void start() {
        eye = RunningEye.start(true);
        reconciliation = new Reconciliation(eye.stack.endpoints());
        processors.add(eye.processor);
    }

    @AfterAll
    static void stop() {
        processors.forEach(ServiceProcess::close);
        if (eye != null) {
            eye.close();
        }
    }

    @Test
    @Order(1)
    void processorKilledSeveralTimesMidStreamLosesAndDoublesNothing() throws Exception {
        RegisteredApplication app = application("kill-processor");
        try (SteadyLoad load = SteadyLoad.start(eye.ingest.url("/v1/batch"), app.key(), PACE)) {
            for (int crash = 0; crash < 3; crash++) {
                Thread.sleep(3_000);
                current().kill();
                processors.add(eye.startProcessor(Map.of()));
            }
            Thread.sleep(2_000);
            load.close();
            assertThat(load.acknowledged()).hasSizeGreaterThan(100);
            reconciliation.assertExactlyOnce(app.id(), load.acknowledged(), load.sent(), DRAINED_WITHIN);
        }
    }

    @Test
    @Order(2)
    void postgresRestartedMidStreamLosesAndDoublesNothing() throws Exception {
        RegisteredApplication app = application("restart-postgres");
        try (SteadyLoad load = SteadyLoad.start(eye.ingest.url("/v1/batch"), app.key(), PACE)) {
            Thread.sleep(3_000);
            eye.stack.restartPostgres(Duration.ofSeconds(3));
            Thread.sleep(4_000);
            load.close();
            reconciliation.assertExactlyOnce(app.id(), load.acknowledged(), load.sent(), DRAINED_WITHIN);
        }
    }

    @Test
    @Order(3)
    void whenOneOfTwoProcessorsDiesTheOtherTakesItsPartitions() throws Exception {
        RegisteredApplication app = application("two-processors");
        processors.add(eye.startProcessor(Map.of()));
        try (SteadyLoad load = SteadyLoad.start(eye.ingest.url("/v1/batch"), app.key(), PACE)) {
            Thread.sleep(4_000);
            processors.get(processors.size() - 2).kill();
            Thread.sleep(4_000);
            load.close();
            reconciliation.assertExactlyOnce(app.id(), load.acknowledged(), load.sent(), DRAINED_WITHIN);
        }
    }

    @Test
    @Order(4)
    void replayingTheRawLogIntoEmptyTablesRebuildsThemIdentically() {
        List<String> before = reconciliation.snapshot();
        assertThat(before).isNotEmpty();
        processors.forEach(ServiceProcess::close);

        reconciliation.execute("TRUNCATE events, invalid_events, event_counts_hourly");
        processors.add(
                eye.startProcessor(Map.of("MP_MESSAGING_INCOMING_RAW_EVENTS_GROUP_ID", "eye-processor-rebuild")));

        await().atMost(DRAINED_WITHIN)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> reconciliation.snapshot().size() >= before.size());
        assertThat(reconciliation.snapshot()).containsExactlyElementsOf(before);
    }

    private static ServiceProcess current() {
        return processors.get(processors.size() - 1);
    }

    private static RegisteredApplication application(String name) {
        RegisteredApplication app = eye.registerApplication(name);
        // "[]" is refused after the key check and before Kafka: it probes the key and stores nothing.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        Http.post(eye.ingest.url("/v1/events"), app.key(), "[]").status() != 401);
        return app;
    }
}
