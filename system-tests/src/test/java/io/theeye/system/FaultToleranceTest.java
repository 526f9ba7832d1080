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
 * stored exactly once, valid or invalid (and, for the processor's crashes, the valid topic holds
 * exactly the stored valid events, some more than once). The services run as separate JVMs; kills
 * are SIGKILL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest {

    private static final Duration PACE = Duration.ofMillis(100);
    private static final Duration DRAINED_WITHIN = Duration.ofSeconds(120);
    // Ingest gives Kafka 2 s (eye.ingest.send-timeout) before it answers 503; the rest is slack
    // for a shared 2-core machine. A hanging request would take the client's 15 s timeout.
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(6);

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
            reconcile("kill-processor", app, load);
            int copies = reconciliation.assertValidTopicMatchesEvents(app.id(), DRAINED_WITHIN);
            System.out.println("RELIABILITY kill-processor, valid topic: de-duplicated by id it is the events"
                    + " table; " + copies + " copies published again by redelivered batches");
        }
    }

    @Test
    @Order(2)
    void whilePostgresIsDownIngestStaysReadyAndAcceptsAndNothingIsLostOrDoubled() throws Exception {
        RegisteredApplication app = application("stop-postgres");
        try (SteadyLoad load = SteadyLoad.start(eye.ingest.url("/v1/batch"), app.key(), PACE)) {
            Thread.sleep(3_000);
            int before = load.acknowledged().size();
            eye.stack.stopPostgres();
            int duringOutage;
            try {
                // Ingest serves from its last key set and needs only Kafka: it stays in its Service.
                Thread.sleep(5_000);
                assertThat(Http.get(eye.ingest.managementUrl("/q/health/ready"), "")
                                .status())
                        .as("ingest readiness while PostgreSQL is down")
                        .isEqualTo(200);
                duringOutage = load.acknowledged().size() - before;
            } finally {
                eye.stack.startPostgres();
            }
            assertThat(duringOutage)
                    .as("events acknowledged while PostgreSQL was down")
                    .isGreaterThanOrEqualTo(100);
            Thread.sleep(2_000);
            reconcile("stop-postgres", app, load);
        }
    }

    @Test
    @Order(3)
    void whenKafkaStopsIngestRefusesInTimeAndRetriedEventsAreStoredOnceItReturns() throws Exception {
        RegisteredApplication app = application("stop-kafka");
        try (SteadyLoad load = SteadyLoad.start(eye.ingest.url("/v1/batch"), app.key(), PACE)) {
            Thread.sleep(3_000);
            eye.stack.stopKafka();
            int acknowledgedBeforeOutage = load.acknowledged().size();
            try {
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> load.refusals(503) >= 3);
            } finally {
                eye.stack.startKafka();
            }
            // The client's retries get through once the producer sees the broker again.
            awaitAcknowledged(load, acknowledgedBeforeOutage, 100, Duration.ofSeconds(90));
            load.close();
            assertThat(load.slowestRefusal()).isLessThan(REFUSED_WITHIN);
            assertThat(load.refusals(500)).isZero();
            reconcile("stop-kafka", app, load);
        }
    }

    @Test
    @Order(4)
    void ingestKilledMidRequestStoresTheRetriedEventsOnce() throws Exception {
        RegisteredApplication app = application("kill-ingest");
        // Four clients without pause: requests are in flight nearly all the time.
        try (SteadyLoad load = SteadyLoad.start(eye.ingest.url("/v1/batch"), app.key(), Duration.ZERO, 4)) {
            Thread.sleep(3_000);
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> load.inFlight() >= 2);
            eye.ingest.kill();
            int acknowledgedBeforeRestart = load.acknowledged().size();
            eye.ingest.start().awaitReady(RunningEye.READY_WITHIN);
            awaitAcknowledged(load, acknowledgedBeforeRestart, 200, Duration.ofSeconds(60));
            load.close();
            assertThat(load.unanswered()).as("requests cut by the kill").isPositive();
            // A restarted ingest that has not read the keys yet answers 503, never 401: clients drop on 401.
            assertThat(load.refusals(401))
                    .as("good keys refused while ingest restarted")
                    .isZero();
            reconcile("kill-ingest", app, load);
        }
    }

    @Test
    @Order(5)
    void whenOneOfTwoProcessorsDiesTheOtherTakesItsPartitions() throws Exception {
        RegisteredApplication app = application("two-processors");
        processors.add(eye.startProcessor(Map.of()));
        try (SteadyLoad load = SteadyLoad.start(eye.ingest.url("/v1/batch"), app.key(), PACE)) {
            Thread.sleep(4_000);
            int before = load.acknowledged().size();
            processors.get(processors.size() - 2).kill();
            Thread.sleep(4_000);
            assertThat(load.acknowledged().size() - before)
                    .as("events acknowledged after one processor died")
                    .isGreaterThanOrEqualTo(100);
            reconcile("two-processors", app, load);
            int copies = reconciliation.assertValidTopicMatchesEvents(app.id(), DRAINED_WITHIN);
            System.out.println("RELIABILITY two-processors, valid topic: de-duplicated by id it is the events"
                    + " table; " + copies + " copies published again");
        }
    }

    @Test
    @Order(6)
    void replayingTheRawLogIntoEmptyTablesRebuildsThemIdentically() {
        List<String> before = reconciliation.snapshot();
        assertThat(before).isNotEmpty();
        processors.forEach(ServiceProcess::close);

        reconciliation.execute("TRUNCATE events, invalid_events, event_counts_hourly, event_ids");
        processors.add(
                eye.startProcessor(Map.of("MP_MESSAGING_INCOMING_RAW_EVENTS_GROUP_ID", "eye-processor-rebuild")));

        await().atMost(DRAINED_WITHIN)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> reconciliation.snapshot().size() >= before.size());
        assertThat(reconciliation.snapshot()).containsExactlyElementsOf(before);
    }

    /**
     * Stops the load and checks the promise; prints the scenario's figures for the reliability
     * table in README.md.
     */
    private static void reconcile(String scenario, RegisteredApplication app, SteadyLoad load) {
        load.close();
        reconciliation.assertExactlyOnce(app.id(), load.acknowledged(), load.sent(), DRAINED_WITHIN);
        System.out.println("RELIABILITY " + scenario + ": exactly once; " + load.summary());
    }

    /** Waits (bounded) until the load has had more events acknowledged than {@code before} plus {@code more}. */
    private static void awaitAcknowledged(SteadyLoad load, int before, int more, Duration within) {
        await().atMost(within)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> load.acknowledged().size() > before + more);
    }

    private static ServiceProcess current() {
        return processors.get(processors.size() - 1);
    }

    private static RegisteredApplication application(String name) {
        return eye.application(name);
    }
}
