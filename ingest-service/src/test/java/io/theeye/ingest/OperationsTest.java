package io.theeye.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.ingest.auth.ApplicationKeyStore;
import io.theeye.localstack.Fixtures;
import io.theeye.localstack.LocalStackTestResource;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * What operators rely on: readiness, metrics by outcome and application, and the API document, all
 * on the management port and none on the public one.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OperationsTest {

    @Inject
    ApplicationKeyStore keys;

    // On the management interface, under its root path /q.
    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/openapi", management = true)
    URL openApi;

    @Test
    void isReadyWithKafkaReachableAndKeysLoaded() {
        given().when().get(readiness).then().statusCode(200).body(containsString("application-keys"));
    }

    @Test
    void countsAcceptedAndRejectedEventsPerApplicationAndReason() {
        ClientApplication app = ClientApplication.register(keys, "metrics");
        app.postEvent(Fixtures.seedEventTexts().get(0)).then().statusCode(202);
        app.postEvent("{broken").then().statusCode(400);

        given().when()
                .get(metrics)
                .then()
                .statusCode(200)
                .body(containsString("eye_ingest_events_total{application=\"" + app.id()
                        + "\",outcome=\"accepted\",reason=\"none\"}"))
                .body(containsString("eye_ingest_events_total{application=\"" + app.id()
                        + "\",outcome=\"rejected\",reason=\"malformed\"}"))
                .body(containsString("eye_ingest_kafka_send_seconds_bucket"))
                .body(containsString("http_server_requests_seconds_bucket"));
    }

    @Test
    void documentsBothEndpointsWithExamples() {
        given().queryParam("format", "json")
                .when()
                .get(openApi)
                .then()
                .statusCode(200)
                .body(containsString("/v1/batch"))
                .body(containsString("\"rate_limited\""));
    }

    @Test
    void servesNoOperationsEndpointOnThePublicPort() {
        for (String path : java.util.List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().when().get(path).then().statusCode(404);
        }
    }
}
