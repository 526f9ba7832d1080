package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.theeye.localstack.LocalStackTestResource;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The auth matrix: every endpoint against no token, a bad one, and each role. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AccessControlTest {

    private static final String UNKNOWN = UUID.randomUUID().toString();

    /** Endpoints either role may read. */
    private static final List<String> ANALYST_ENDPOINTS = List.of(
            "GET /v1/events",
            "GET /v1/sessions/" + UNKNOWN + "/events",
            "GET /v1/stats",
            "GET /v1/overview",
            "GET /v1/invalid-events",
            "GET /v1/invalid-events/summary",
            "GET /v1/invalid-events/" + UNKNOWN);

    /** Endpoints for admins only. Mutating calls point at an unknown id: authorized means 404, never a change. */
    private static final List<String> ADMIN_ENDPOINTS = List.of(
            "GET /v1/admin/applications",
            "GET /v1/admin/applications/" + UNKNOWN,
            "POST /v1/admin/applications/" + UNKNOWN + "/disable",
            "POST /v1/admin/applications/" + UNKNOWN + "/keys",
            "GET /v1/admin/event-types",
            "GET /v1/admin/event-types/page%20interaction/pageview",
            "POST /v1/admin/applications",
            "POST /v1/admin/event-types/page%20interaction/pageview/versions");

    static Stream<Arguments> callers() {
        return Stream.of(
                Arguments.of("no token", null, 401, 401),
                Arguments.of("expired token", Tokens.expiredAdmin(), 401, 401),
                Arguments.of("token signed by another key", Tokens.wronglySignedAdmin(), 401, 401),
                Arguments.of("not a JWT", "eye_notAJwtButAnApplicationKey", 401, 401),
                Arguments.of("token without a known role", Tokens.stranger(), 403, 403),
                Arguments.of("analyst", Tokens.analyst(), 0, 403),
                Arguments.of("admin", Tokens.admin(), 0, 0));
    }

    private static int call(String endpoint, String token) {
        String[] parts = endpoint.split(" ");
        RequestSpecification request = given().urlEncodingEnabled(false);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (parts[0].equals("POST")) {
            // An invalid body: an authorized admin is told 400, and nothing is ever created.
            return request.contentType("application/json")
                    .body("{}")
                    .when()
                    .post(parts[1])
                    .statusCode();
        }
        return request.when().get(parts[1]).statusCode();
    }

    /** 0 stands for "let through": whatever the endpoint answers, but not 401 or 403. */
    private static void assertStatus(String endpoint, String token, int expected) {
        int status = call(endpoint, token);
        if (expected == 0) {
            org.assertj.core.api.Assertions.assertThat(status)
                    .as(endpoint)
                    .isNotIn(401, 403)
                    .isLessThan(500);
        } else {
            org.assertj.core.api.Assertions.assertThat(status).as(endpoint).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void answersEachCallerAsItsRoleAllows(String caller, String token, int analystStatus, int adminStatus) {
        ANALYST_ENDPOINTS.forEach(endpoint -> assertStatus(endpoint, token, analystStatus));
        ADMIN_ENDPOINTS.forEach(endpoint -> assertStatus(endpoint, token, adminStatus));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void refusesInProblemJson(String caller, String token, int analystStatus, int adminStatus) {
        if (adminStatus == 0) {
            return;
        }
        RequestSpecification request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        request.when()
                .get("/v1/admin/applications")
                .then()
                .statusCode(adminStatus)
                .contentType("application/problem+json")
                .body("status", equalTo(adminStatus));
    }
}
