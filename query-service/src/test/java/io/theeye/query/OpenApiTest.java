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
        assertThat(paths.keySet())
                .contains(
                        "/v1/events",
                        "/v1/sessions/{id}/events",
                        "/v1/stats",
                        "/v1/invalid-events",
                        "/v1/invalid-events/summary",
                        "/v1/invalid-events/{id}",
                        "/v1/admin/applications",
                        "/v1/admin/applications/{id}",
                        "/v1/admin/applications/{id}/disable",
                        "/v1/admin/applications/{id}/keys",
                        "/v1/admin/event-types",
                        "/v1/admin/event-types/{category}/{name}",
                        "/v1/admin/event-types/{category}/{name}/versions");
        List<String> missing = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, op) -> {
            Map<String, Object> operation = (Map<String, Object>) op;
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            responses.forEach((status, response) -> {
                if (!String.valueOf(response).contains("examples")) {
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

    @Test
    void servesSwaggerUi() {
        given().when().get(swaggerUi).then().statusCode(200);
        given().when().get("/q/swagger-ui/").then().statusCode(404);
    }
}
