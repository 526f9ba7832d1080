package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.theeye.contract.ApplicationKeys;
import io.theeye.localstack.LocalStackTestResource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ApplicationAdminTest {

    private final String admin = Tokens.admin();

    private Response post(String path, String body) {
        return given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(path);
    }

    private JsonPath register(String name) {
        return post("/v1/admin/applications", "{\"name\": \"" + name + "\"}")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static String uniqueName() {
        return "app-" + UUID.randomUUID();
    }

    private static List<Map<String, Object>> keysOf(String applicationId) {
        return TestDatabase.rows(
                "SELECT key_hash, key_prefix, expires_at FROM application_keys WHERE application_id = ?::uuid "
                        + "ORDER BY created_at",
                applicationId);
    }

    @Test
    void registersAnApplicationShowingItsKeyOnceAndStoringOnlyTheHash() {
        String name = uniqueName();
        Response answer = post("/v1/admin/applications", "{\"name\": \"" + name + "\"}");
        answer.then().statusCode(201);
        JsonPath registered = answer.jsonPath();
        String id = registered.getString("application_id");
        String key = registered.getString("key");

        assertThat(answer.header("Location")).endsWith("/v1/admin/applications/" + id);
        assertThat(registered.getString("name")).isEqualTo(name);
        assertThat(key).startsWith(ApplicationKeys.PREFIX).hasSize(36);
        assertThat(registered.getString("key_prefix")).isEqualTo(key.substring(0, 12));
        List<Map<String, Object>> stored = keysOf(id);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("key_hash")).isEqualTo(ApplicationKeys.hash(key));
        assertThat(stored.get(0).get("expires_at")).isNull();
        assertThat(TestDatabase.rows("SELECT 1 FROM application_keys WHERE key_hash = ? OR key_prefix = ?", key, key))
                .isEmpty();

        String shown = given().auth()
                .oauth2(admin)
                .when()
                .get("/v1/admin/applications/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("status", equalTo("active"))
                .body("keys", hasSize(1))
                .body("keys[0].prefix", equalTo(key.substring(0, 12)))
                .body("keys[0].status", equalTo("active"))
                .extract()
                .asString();
        assertThat(shown).doesNotContain(key);
    }

    @Test
    void listsApplicationsByNameWithoutTheirKeys() {
        String key = register("zz-listed-" + UUID.randomUUID()).getString("key");
        String listed = given().auth()
                .oauth2(admin)
                .when()
                .get("/v1/admin/applications")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> names = JsonPath.from(listed).getList("applications.name", String.class);
        assertThat(names).isSorted().anyMatch(n -> n.startsWith("zz-listed-"));
        assertThat(listed).doesNotContain(key);
    }

    @Test
    void refusesANameThatIsTaken() {
        String name = uniqueName();
        register(name);
        post("/v1/admin/applications", "{\"name\": \"" + name + "\"}")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("an application named '" + name + "' exists already"));
    }

    @Test
    void registersOnlyOneOfConcurrentRegistrationsOfTheSameName() {
        String name = uniqueName();
        List<Integer> statuses = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> post("/v1/admin/applications", "{\"name\": \"" + name + "\"}")
                                .statusCode()))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();
        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        assertThat(TestDatabase.rows("SELECT id FROM applications WHERE name = ?", name))
                .hasSize(1);
    }

    @Test
    void disablesAnApplicationOnceKeepingTheFirstTime() {
        String id = register(uniqueName()).getString("application_id");
        String disabledAt = post("/v1/admin/applications/" + id + "/disable", "")
                .then()
                .statusCode(200)
                .body("status", equalTo("disabled"))
                .extract()
                .path("disabled_at");
        assertThat(disabledAt).isNotNull();
        post("/v1/admin/applications/" + id + "/disable", "")
                .then()
                .statusCode(200)
                .body("disabled_at", equalTo(disabledAt));
        assertThat(TestDatabase.rows("SELECT disabled_at FROM applications WHERE id = ?::uuid", id)
                        .get(0)
                        .get("disabled_at"))
                .isNotNull();
    }

    @Test
    void rotatesTheKeyLettingTheOldOneWorkForTheOverlap() {
        JsonPath registered = register(uniqueName());
        String id = registered.getString("application_id");
        String oldKey = registered.getString("key");
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

        JsonPath rotated = post("/v1/admin/applications/" + id + "/keys", "")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String newKey = rotated.getString("key");
        assertThat(newKey).isNotEqualTo(oldKey).startsWith(ApplicationKeys.PREFIX);
        Instant expires = Instant.parse(rotated.getString("previous_keys_expire_at"));
        assertThat(expires)
                .isBetween(before.plus(Duration.ofHours(24)), Instant.now().plus(Duration.ofHours(24)));

        List<Map<String, Object>> stored = keysOf(id);
        assertThat(stored)
                .extracting(row -> row.get("key_hash"))
                .containsExactly(ApplicationKeys.hash(oldKey), ApplicationKeys.hash(newKey));
        assertThat(((Timestamp) stored.get(0).get("expires_at")).toInstant()).isEqualTo(expires);
        assertThat(stored.get(1).get("expires_at")).isNull();

        given().auth()
                .oauth2(admin)
                .when()
                .get("/v1/admin/applications/" + id)
                .then()
                .body("keys.status", org.hamcrest.Matchers.contains("active", "expiring"));
    }

    @Test
    void aSecondRotationNeverExtendsAnEarlierKeysEnd() {
        String id = register(uniqueName()).getString("application_id");
        post("/v1/admin/applications/" + id + "/keys", "").then().statusCode(201);
        TestDatabase.update(
                "UPDATE application_keys SET expires_at = now() - interval '1 hour' "
                        + "WHERE application_id = ?::uuid AND expires_at IS NOT NULL",
                id);
        post("/v1/admin/applications/" + id + "/keys", "").then().statusCode(201);
        assertThat(TestDatabase.rows(
                                "SELECT count(*) AS expired FROM application_keys WHERE application_id = ?::uuid "
                                        + "AND expires_at < now()",
                                id)
                        .get(0)
                        .get("expired"))
                .isEqualTo(1L);
    }

    @Test
    void refusesToRotateTheKeyOfADisabledApplication() {
        String id = register(uniqueName()).getString("application_id");
        post("/v1/admin/applications/" + id + "/disable", "").then().statusCode(200);
        post("/v1/admin/applications/" + id + "/keys", "")
                .then()
                .statusCode(409)
                .body("code", equalTo("conflict"));
        assertThat(keysOf(id)).hasSize(1);
    }

    @Test
    void answersNotFoundForAnUnknownApplication() {
        UUID unknown = UUID.randomUUID();
        given().auth()
                .oauth2(admin)
                .when()
                .get("/v1/admin/applications/" + unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no application " + unknown));
        post("/v1/admin/applications/" + unknown + "/disable", "").then().statusCode(404);
        post("/v1/admin/applications/" + unknown + "/keys", "").then().statusCode(404);
    }

    @Test
    void refusesABodyWithoutAValidName() {
        post("/v1/admin/applications", "{}")
                .then()
                .statusCode(400)
                .body(
                        "detail",
                        equalTo("name: must be 1 to 100 characters: letters, digits, space, '.', '_' or '-', "
                                + "starting with a letter or digit"));
        post("/v1/admin/applications", "{\"name\": \" leading space\"}").then().statusCode(400);
        post("/v1/admin/applications", "{\"name\": 42}").then().statusCode(400);
        post("/v1/admin/applications", "{\"name\": \"ok\", \"key\": \"mine\"}")
                .then()
                .statusCode(400)
                .body("detail", equalTo("key: unknown field; allowed: name"));
        post("/v1/admin/applications", "[]").then().statusCode(400).body("code", equalTo("malformed"));
        post("/v1/admin/applications", "{\"name\": ").then().statusCode(400).body("code", equalTo("malformed"));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.TEXT)
                .body("name=x")
                .when()
                .post("/v1/admin/applications")
                .then()
                .statusCode(415)
                .body("status", equalTo(415))
                .body("key", nullValue());
    }
}
