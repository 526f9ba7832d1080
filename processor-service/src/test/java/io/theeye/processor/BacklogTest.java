package io.theeye.processor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.theeye.localstack.LocalStackTestResource;
import io.theeye.processor.validation.EventTypeRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * GET /v1/backlog: the partitions this replica holds with their lag and the age of their work, for
 * analysts and admins only, callable from the console's origin.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "migrate", value = "false"))
class BacklogTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Inject
    EventTypeRegistry registry;

    private static String token(String group) {
        return LocalStackTestResource.jwt().token("ana", group, Duration.ofMinutes(5));
    }

    private static JsonPath backlog() {
        return given().auth()
                .oauth2(token("analyst"))
                .when()
                .get("/v1/backlog")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void reportsThePartitionsItsConsumersHoldWithTheirLagOnceCaughtUp() throws Exception {
        await().atMost(WITHIN).until(registry::isReady);
        UUID event = UUID.randomUUID();
        RecordMetadata landed;
        try (RawTopicWriter raw = new RawTopicWriter()) {
            landed = raw.sendAndLocate(
                    "backlog-" + event, EventTestData.envelope(event, UUID.randomUUID(), EventTestData.seed(0)));
        }
        await().atMost(WITHIN).until(() -> StoredEvents.countValid(event) == 1);

        Map<String, Object> partition = await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> backlog().<Map<String, Object>>getList("partitions").stream()
                                .filter(p -> p.get("partition").equals(landed.partition()))
                                .findFirst()
                                .orElse(null),
                        p -> p != null && Integer.valueOf(0).equals(p.get("lag")));
        assertZero(partition.get("oldest_unprocessed_age_seconds"));
        assertZero(partition.get("retrying_seconds"));
        JsonPath report = backlog();
        assertThat(report.getInt("consumers")).isEqualTo(3);
        assertThat(report.getString("replica")).isNotBlank();
        List<Integer> partitions = report.getList("partitions.partition", Integer.class);
        assertThat(partitions).isSorted().doesNotHaveDuplicates().allMatch(p -> p >= 0 && p < 12);
    }

    private static void assertZero(Object seconds) {
        assertThat(((Number) seconds).doubleValue()).isZero();
    }

    @Test
    void isForAnalystsAndAdminsOnly() {
        given().when().get("/v1/backlog").then().statusCode(401);
        given().auth()
                .oauth2(token("marketing"))
                .when()
                .get("/v1/backlog")
                .then()
                .statusCode(403);
        given().auth().oauth2(token("admin")).when().get("/v1/backlog").then().statusCode(200);
    }

    @Test
    void theConsolesOriginMayReadItFromTheBrowser() {
        given().header("Origin", "http://localhost:8082")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when()
                .options("/v1/backlog")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:8082"))
                .header("Access-Control-Allow-Methods", containsString("GET"));
        given().header("Origin", "http://elsewhere.example")
                .header("Access-Control-Request-Method", "GET")
                .when()
                .options("/v1/backlog")
                .then()
                .header("Access-Control-Allow-Origin", not(equalTo("http://elsewhere.example")));
        given().header("Origin", "http://localhost:8082")
                .auth()
                .oauth2(token("analyst"))
                .when()
                .get("/v1/backlog")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:8082"))
                .body("partitions", notNullValue());
    }
}
