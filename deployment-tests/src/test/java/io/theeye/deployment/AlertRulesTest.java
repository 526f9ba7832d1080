package io.theeye.deployment;

import static io.theeye.deployment.RenderedOverlay.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prod overlay's PrometheusRule: the alerts operators need, each saying what to do. */
class AlertRulesTest {

    private static final Set<String> REQUIRED_ALERTS = Set.of(
            "EyeIngestServerErrors",
            "EyeIngestUnavailable",
            "EyeIngestKafkaSendFailures",
            "EyeProcessorLagGrowing",
            "EyeProcessorPartitionStalled",
            "EyeInvalidEventShareHigh",
            "EyeApplicationSilent",
            "EyeReadinessFlapping",
            "EyeApplicationVolumeSurge",
            "EyeIngestRateLimited");

    /** Metrics the services register (service author's list), plus Prometheus' and kube-state-metrics'. */
    private static final Set<String> KNOWN_METRICS = Set.of(
            "http_server_requests_seconds_count",
            "eye_ingest_events_total",
            "eye_ingest_kafka_send_failures_total",
            "eye_processor_events_total",
            "eye_processor_invalid_share",
            "eye_processor_application_silent",
            "eye_processor_partition_retrying_seconds",
            "kafka_consumer_fetch_manager_records_lag_max",
            "kube_pod_status_ready",
            "up");

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{");

    @Test
    void prodOverlayAlertsOnEveryConditionTheIssueNames() {
        assertThat(alerts()).extracting(rule -> rule.path("alert").asText()).containsAll(REQUIRED_ALERTS);
    }

    @Test
    void everyAlertHasASeverityAndSaysWhatToDo() {
        for (JsonNode rule : alerts()) {
            String name = rule.path("alert").asText();
            assertThat(rule.path("expr").asText()).as(name).isNotBlank();
            assertThat(rule.at("/labels/severity").asText()).as(name).isIn("warning", "critical");
            for (String annotation : List.of("summary", "description", "action")) {
                assertThat(rule.at("/annotations/" + annotation).asText())
                        .as(name + " " + annotation)
                        .isNotBlank();
            }
        }
    }

    @Test
    void alertsSelectOnlyMetricsThatExist() {
        for (JsonNode rule : alerts()) {
            Matcher metric = SELECTOR.matcher(rule.path("expr").asText());
            while (metric.find()) {
                assertThat(metric.group(1)).as(rule.path("alert").asText()).isIn(KNOWN_METRICS);
            }
        }
    }

    @Test
    void alertJobLabelsAreTheOnesThePodMonitorSets() {
        JsonNode podMonitor = RenderedOverlay.of("prod").get("PodMonitor", "the-eye");

        assertThat(podMonitor.at("/spec/jobLabel").asText()).isEqualTo("app.kubernetes.io/name");
        assertThat(elements(podMonitor.at("/spec/selector/matchExpressions/0/values")))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(RenderedOverlay.SERVICES);
        Matcher job = Pattern.compile("job=~?\"([^\"]+)\"").matcher(String.join("\n", expressions()));
        while (job.find()) {
            for (String name : job.group(1).split("\\|")) {
                assertThat(name).isIn(RenderedOverlay.SERVICES);
            }
        }
    }

    @Test
    void everyAlertIsExplainedInTheDeploymentReadme() {
        String readme = RepositoryFiles.read(RepositoryFiles.resolve("k8s/README.md"));

        assertThat(alerts())
                .allSatisfy(
                        rule -> assertThat(readme).contains(rule.path("alert").asText()));
    }

    /**
     * Needs promtool (Debian package prometheus). CI provides it and this test then must run; on a
     * developer machine without it the PromQL syntax check is skipped, and says so.
     */
    @Test
    void alertExpressionsAreValidPromQl(@TempDir Path dir) throws IOException, InterruptedException {
        Optional<String> promtool = promtool();
        if (System.getenv("CI") != null) {
            assertThat(promtool).as("CI must provide promtool (see .ci/run)").isPresent();
        }
        Assumptions.assumeTrue(
                promtool.isPresent(),
                "promtool not found (PATH or PROMTOOL): PromQL syntax not checked; apt-get install prometheus");
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, prometheusRule().path("spec").toString());

        Process process = new ProcessBuilder(promtool.get(), "check", "rules", rules.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
    }

    private static JsonNode prometheusRule() {
        return RenderedOverlay.of("prod").get("PrometheusRule", "the-eye");
    }

    private static List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode group : elements(prometheusRule().at("/spec/groups"))) {
            elements(group.path("rules")).stream()
                    .filter(rule -> rule.has("alert"))
                    .forEach(alerts::add);
        }
        return alerts;
    }

    private static List<String> expressions() {
        return alerts().stream().map(rule -> rule.path("expr").asText()).toList();
    }

    private static Optional<String> promtool() {
        String configured = System.getenv("PROMTOOL");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Optional.of(configured);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }
}
