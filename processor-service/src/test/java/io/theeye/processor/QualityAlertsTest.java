package io.theeye.processor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.theeye.localstack.LocalStackTestResource;
import io.theeye.processor.QualityTestData.StoredIncident;
import io.theeye.processor.quality.QualityCheck;
import io.theeye.processor.quality.QualityCheckResult;
import io.theeye.processor.quality.QualityCheckResult.Outcome;
import io.theeye.processor.storage.SchemaMigration;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data-quality check against real PostgreSQL and a real webhook receiver: incidents open and
 * resolve once, each webhook hears of each transition once, refused notices are retried, and a
 * replica without the lock leaves the work to the one holding it.
 */
@QuarkusTest
@TestProfile(QualityAlertsTest.Profile.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "migrate", value = "false"))
class QualityAlertsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Well inside the 15-minute window. */
    private static final Duration RECENTLY = Duration.ofMinutes(2);
    /** Older than the 30-minute silence, within the day. */
    private static final Duration FORTY_MINUTES_AGO = Duration.ofMinutes(40);

    /** Webhooks on the test's receiver; the schedule is out of the way so that runs are the test's. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String receiver = QualityWebhookReceiver.baseUrl();
            return Map.of(
                    "eye.quality.check-interval", "1h",
                    "eye.quality.webhooks", receiver + QualityWebhookReceiver.GENERIC,
                    "eye.quality.slack-webhooks", receiver + QualityWebhookReceiver.SLACK,
                    "eye.quality.window", "15m",
                    "eye.quality.invalid-share-threshold", "0.05",
                    "eye.quality.minimum-events", "20",
                    "eye.quality.silence", "30m",
                    "eye.quality.request-timeout", "2s");
        }
    }

    @Inject
    QualityCheck check;

    @Inject
    SchemaMigration migration;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @BeforeEach
    void schemaMigrated() {
        await().atMost(Duration.ofSeconds(60)).until(migration::isDone);
    }

    @Test
    void notifiesEachWebhookOnceWhenTheInvalidShareRisesAboveTheThreshold() throws Exception {
        UUID app = QualityTestData.application();
        QualityTestData.validEvents(app, 30, RECENTLY);
        QualityTestData.invalidEvents(app, 10, RECENTLY);

        runCheck();
        runCheck();

        assertThat(QualityTestData.incidents(app)).singleElement().satisfies(incident -> {
            assertThat(incident.kind()).isEqualTo("invalid_share");
            assertThat(incident.open()).isTrue();
            assertThat(incident.value()).isCloseTo(0.25, within(1e-9));
            assertThat(incident.openedNotified()).isTrue();
        });
        List<JsonNode> generic = generic(app);
        assertThat(generic).hasSize(1);
        JsonNode notice = generic.get(0);
        assertThat(notice.get("kind").asText()).isEqualTo("invalid_share");
        assertThat(notice.get("state").asText()).isEqualTo("opened");
        assertThat(notice.get("application_id").asText()).isEqualTo(app.toString());
        assertThat(notice.get("application_name").asText()).isEqualTo(QualityTestData.name(app));
        assertThat(notice.get("value").asDouble()).isCloseTo(0.25, within(1e-9));
        assertThat(notice.get("threshold").asDouble()).isEqualTo(0.05);
        assertThat(notice.get("window").asText()).isEqualTo("PT15M");
        assertThat(notice.get("opened_at").asText()).isNotBlank();
        assertThat(notice.get("resolved_at").isNull()).isTrue();
        assertThat(notice.get("message").asText()).contains("25.0%");
        List<JsonNode> slack = slack(app);
        assertThat(slack).hasSize(1);
        assertThat(slack.get(0).fieldNames()).toIterable().containsExactly("text");
        assertThat(slack.get(0).get("text").asText()).contains(QualityTestData.name(app), "25.0%", "15 minutes");
    }

    @Test
    void sendsOneRecoveryNoticeOnceTheInvalidShareFallsBack() throws Exception {
        UUID app = QualityTestData.application();
        QualityTestData.validEvents(app, 30, RECENTLY);
        QualityTestData.invalidEvents(app, 10, RECENTLY);
        runCheck();

        QualityTestData.validEvents(app, 500, RECENTLY);
        QualityCheckResult resolving = runCheck();
        runCheck();

        assertThat(resolving.resolved()).isGreaterThanOrEqualTo(1);
        StoredIncident incident = QualityTestData.incidents(app).get(0);
        assertThat(incident.open()).isFalse();
        assertThat(incident.closedValue()).isCloseTo(10.0 / 540, within(1e-9));
        assertThat(incident.closedNotified()).isTrue();
        assertThat(generic(app)).extracting(n -> n.get("state").asText()).containsExactly("opened", "resolved");
        JsonNode recovery = generic(app).get(1);
        assertThat(recovery.get("resolved_at").asText()).isNotBlank();
        assertThat(recovery.get("value").asDouble()).isCloseTo(10.0 / 540, within(1e-9));
        assertThat(slack(app)).hasSize(2);
        assertThat(slack(app).get(1).get("text").asText()).contains("resolved", "1.9%");
    }

    @Test
    void opensNoShareIncidentBelowTheMinimumNumberOfEvents() throws Exception {
        UUID app = QualityTestData.application();
        QualityTestData.validEvents(app, 5, RECENTLY);
        QualityTestData.invalidEvents(app, 5, RECENTLY);

        runCheck();

        assertThat(QualityTestData.incidents(app)).isEmpty();
        assertThat(QualityWebhookReceiver.received(QualityWebhookReceiver.GENERIC, app.toString()))
                .isEmpty();
        assertThat(gauge(scrape(), "eye_processor_invalid_share", app)).isEqualTo(0.5);
    }

    @Test
    void reportsAnApplicationThatWentSilentAndItsReturn() throws Exception {
        UUID app = QualityTestData.application();
        QualityTestData.validEvents(app, 3, FORTY_MINUTES_AGO);

        runCheck();

        assertThat(QualityTestData.incidents(app)).singleElement().satisfies(incident -> {
            assertThat(incident.kind()).isEqualTo("silent");
            assertThat(incident.open()).isTrue();
            assertThat(incident.value()).isBetween(39.0 * 60, 45.0 * 60);
        });
        assertThat(generic(app)).singleElement().satisfies(notice -> {
            assertThat(notice.get("kind").asText()).isEqualTo("silent");
            assertThat(notice.get("threshold").asDouble()).isEqualTo(1800.0);
        });
        assertThat(slack(app).get(0).get("text").asText()).contains("no events for 40 minutes");

        QualityTestData.validEvents(app, 1, Duration.ofSeconds(10));
        runCheck();
        runCheck();

        assertThat(QualityTestData.incidents(app))
                .singleElement()
                .satisfies(incident -> assertThat(incident.open()).isFalse());
        assertThat(generic(app)).extracting(n -> n.get("state").asText()).containsExactly("opened", "resolved");
        assertThat(slack(app)).hasSize(2);
    }

    @Test
    void watchesNeitherAnApplicationThatNeverSentNorADisabledOne() throws Exception {
        UUID quiet = QualityTestData.application();
        UUID disabled = QualityTestData.application();
        QualityTestData.validEvents(disabled, 30, FORTY_MINUTES_AGO);
        QualityTestData.invalidEvents(disabled, 30, RECENTLY);
        QualityTestData.disable(disabled);

        runCheck();

        assertThat(QualityTestData.incidents(quiet)).isEmpty();
        assertThat(QualityTestData.incidents(disabled)).isEmpty();
        assertThat(QualityWebhookReceiver.received(QualityWebhookReceiver.GENERIC, disabled.toString()))
                .isEmpty();
        String scrape = scrape();
        assertThat(gauge(scrape, "eye_processor_application_silent", quiet)).isZero();
        assertThat(gauge(scrape, "eye_processor_invalid_share", disabled)).isNull();
    }

    @Test
    void closesTheIncidentOfAnApplicationThatWasDisabledWithOneNotice() throws Exception {
        UUID app = QualityTestData.application();
        QualityTestData.validEvents(app, 30, RECENTLY);
        QualityTestData.invalidEvents(app, 10, RECENTLY);
        runCheck();

        QualityTestData.disable(app);
        runCheck();
        runCheck();

        assertThat(QualityTestData.incidents(app)).singleElement().satisfies(incident -> {
            assertThat(incident.open()).isFalse();
            assertThat(incident.closedValue()).isNull();
        });
        assertThat(generic(app)).extracting(n -> n.get("state").asText()).containsExactly("opened", "resolved");
        assertThat(generic(app).get(1).get("message").asText()).contains("was disabled");
        assertThat(gauge(scrape(), "eye_processor_invalid_share", app)).isNull();
    }

    @Test
    void retriesARefusedNoticeAtTheNextRunAndNeverAfterItWasAccepted() throws Exception {
        UUID app = QualityTestData.application();
        QualityTestData.validEvents(app, 30, RECENTLY);
        QualityTestData.invalidEvents(app, 10, RECENTLY);
        QualityWebhookReceiver.refuseNext(QualityWebhookReceiver.GENERIC, app.toString());

        runCheck();

        assertThat(QualityWebhookReceiver.received(QualityWebhookReceiver.GENERIC, app.toString()))
                .hasSize(1);
        assertThat(generic(app)).isEmpty();
        assertThat(slack(app)).hasSize(1);
        assertThat(QualityTestData.incidents(app).get(0).openedNotified()).isFalse();

        runCheck();
        runCheck();

        assertThat(QualityWebhookReceiver.received(QualityWebhookReceiver.GENERIC, app.toString()))
                .hasSize(2);
        assertThat(generic(app)).hasSize(1);
        assertThat(slack(app))
                .as("the webhook that accepted at once is not told again")
                .hasSize(1);
        assertThat(QualityTestData.incidents(app).get(0).openedNotified()).isTrue();
    }

    @Test
    void leavesIncidentsToTheReplicaHoldingTheLockButStillExportsTheGauges() throws Exception {
        UUID app = QualityTestData.application();
        QualityTestData.validEvents(app, 30, RECENTLY);
        QualityTestData.invalidEvents(app, 10, RECENTLY);

        try (Connection otherReplica = QualityTestData.connect()) {
            otherReplica.setAutoCommit(false);
            otherReplica.createStatement().execute("SELECT pg_advisory_xact_lock(hashtext('eye.quality.check'))");

            QualityCheckResult skipped = runCheck();

            assertThat(skipped.outcome()).isEqualTo(Outcome.LOCKED_ELSEWHERE);
            assertThat(QualityTestData.incidents(app)).isEmpty();
            assertThat(gauge(scrape(), "eye_processor_invalid_share", app)).isEqualTo(0.25);
            otherReplica.rollback();
        }

        assertThat(runCheck().outcome()).isEqualTo(Outcome.CHECKED);
        assertThat(QualityTestData.incidents(app)).hasSize(1);
        assertThat(generic(app)).hasSize(1);
    }

    @Test
    void exportsTheInvalidShareAndTheSilenceAsPrometheusGauges() throws Exception {
        UUID noisy = QualityTestData.application();
        QualityTestData.validEvents(noisy, 30, RECENTLY);
        QualityTestData.invalidEvents(noisy, 10, RECENTLY);
        UUID silent = QualityTestData.application();
        QualityTestData.validEvents(silent, 2, FORTY_MINUTES_AGO);

        runCheck();

        String scrape = scrape();
        assertThat(gauge(scrape, "eye_processor_invalid_share", noisy)).isEqualTo(0.25);
        assertThat(gauge(scrape, "eye_processor_application_silent", noisy)).isZero();
        assertThat(gauge(scrape, "eye_processor_invalid_share", silent)).isZero();
        assertThat(gauge(scrape, "eye_processor_application_silent", silent)).isEqualTo(1.0);
    }

    private QualityCheckResult runCheck() {
        return check.checkNow().await().atMost(Duration.ofSeconds(30));
    }

    /** The generic notices about the application that the receiver accepted, in order. */
    private static List<JsonNode> generic(UUID app) throws Exception {
        return parse(QualityWebhookReceiver.accepted(QualityWebhookReceiver.GENERIC, app.toString()));
    }

    /** The Slack notices about the application that the receiver accepted, in order. */
    private static List<JsonNode> slack(UUID app) throws Exception {
        return parse(QualityWebhookReceiver.accepted(QualityWebhookReceiver.SLACK, app.toString()));
    }

    private static List<JsonNode> parse(List<String> bodies) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String body : bodies) {
            nodes.add(MAPPER.readTree(body));
        }
        return nodes;
    }

    /** One Prometheus scrape of the service, on its management interface. */
    private String scrape() {
        return given().when().get(metrics).then().statusCode(200).extract().asString();
    }

    /** The gauge's value for the application in the scrape, or null when it is not there. */
    private static Double gauge(String scrape, String name, UUID app) {
        Matcher line = Pattern.compile(
                        "^" + name + "\\{[^}]*application=\"" + app + "\"[^}]*\\}\\s+(\\S+)", Pattern.MULTILINE)
                .matcher(scrape);
        return line.find() ? Double.valueOf(line.group(1)) : null;
    }
}
