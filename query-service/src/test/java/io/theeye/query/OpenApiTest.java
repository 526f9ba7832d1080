package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.theeye.localstack.LocalStackTestResource;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OpenApiTest {

    // On the management interface, under its root path /q: never on the public port.
    @TestHTTPResource(value = "/openapi", management = true)
    URL openApi;

    @TestHTTPResource(value = "/swagger-ui/", management = true)
    URL swaggerUi;

    @SuppressWarnings("unchecked")
    @Test
    void documentsEveryEndpointWithAnExampleOfEachAnswerAndBody() {
        JsonPath openapi = given().accept("application/json")
                .queryParam("format", "json")
                .when()
                .get(openApi)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        Map<String, Object> sharedResponses = openapi.getMap("components.responses");
        assertThat(paths.keySet())
                .contains(
                        "/v1/events",
                        "/v1/sessions/{id}/events",
                        "/v1/stats",
                        "/v1/overview",
                        "/v1/invalid-events",
                        "/v1/invalid-events/summary",
                        "/v1/invalid-events/{id}",
                        "/v1/admin/applications",
                        "/v1/admin/applications/{id}",
                        "/v1/admin/applications/{id}/disable",
                        "/v1/admin/applications/{id}/keys",
                        "/v1/admin/event-types",
                        "/v1/admin/event-types/{category}/{name}",
                        "/v1/admin/event-types/{category}/{name}/versions",
                        "/v1/live",
                        "/v1/export");
        List<String> missing = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, op) -> {
            Map<String, Object> operation = (Map<String, Object>) op;
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            responses.forEach((status, response) -> {
                if (!String.valueOf(shared(response, sharedResponses)).contains("examples")) {
                    missing.add(method + " " + path + " " + status);
                }
            });
            if (operation.containsKey("requestBody")
                    && !String.valueOf(operation.get("requestBody")).contains("examples")) {
                missing.add(method + " " + path + " request body");
            }
            if (!operation.containsKey("security")) {
                missing.add(method + " " + path + " security");
            }
        }));
        assertThat(missing).isEmpty();
    }

    /** A response given by reference is the shared component it names. */
    private static Object shared(Object response, Map<String, Object> sharedResponses) {
        Object ref = ((Map<?, ?>) response).get("$ref");
        return ref == null ? response : sharedResponses.get(String.valueOf(ref).replace("#/components/responses/", ""));
    }

    @Test
    void namesEveryFieldAsTheAnswersSpellIt() {
        JsonPath openapi = given().accept("application/json")
                .queryParam("format", "json")
                .when()
                .get(openApi)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(openapi.getMap("components.schemas.StoredEvent.properties"))
                .containsKeys("event_id", "session_id", "timestamp", "received_at", "schema_version");
        assertThat(openapi.getMap("components.schemas.SessionTimeline.properties"))
                .containsKeys("session_id", "first_at", "last_at", "next_cursor");
        assertThat(openapi.getMap("components.schemas.IssuedKey.properties"))
                .containsKeys("application_id", "key_prefix", "previous_keys_expire_at");
        assertThat(openapi.getMap("components.schemas.InvalidEventSummary.properties"))
                .containsKeys("by_code", "by_event_type", "clock");
        assertThat(openapi.getMap("components.schemas.Overview.properties"))
                .containsKeys("generated_at", "last_hour", "last_day", "applications", "incidents");
    }

    @Test
    void servesSwaggerUi() {
        given().when().get(swaggerUi).then().statusCode(200);
        given().when().get("/q/swagger-ui/").then().statusCode(404);
    }
}
