package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.theeye.localstack.LocalStackTestResource;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class EventTypeAdminTest {

    private static final String CHECKOUT_V1 = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "required": ["host", "amount"],
             "properties": {"host": {"type": "string"}, "amount": {"type": "integer"},
                            "currency": {"enum": ["EUR", "USD"]}}}""";

    private final String admin = Tokens.admin();

    /** A category of its own, so tests never share a type. */
    private final String category = "checkout " + UUID.randomUUID();

    private ValidatableResponse register(String name, String schema, String query) {
        return given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"schema\": " + schema + "}")
                .when()
                .post("/v1/admin/event-types/{category}/{name}/versions" + query, category, name)
                .then();
    }

    private int storedVersions(String name) {
        return TestDatabase.rows("SELECT version FROM event_types WHERE category = ? AND name = ?", category, name)
                .size();
    }

    @Test
    void listsTheRegisteredTypesWithTheirCurrentVersion() {
        given().auth()
                .oauth2(admin)
                .when()
                .get("/v1/admin/event-types")
                .then()
                .statusCode(200)
                .body("event_types.name", hasItem("pageview"))
                .body("event_types.find { it.name == 'cta click' }.current_version", equalTo(1))
                .body("event_types.find { it.name == 'cta click' }.versions[0].schema", nullValue());
    }

    @Test
    void showsATypeWithEveryVersionAndItsSchema() {
        given().auth()
                .oauth2(admin)
                .when()
                .get("/v1/admin/event-types/page interaction/pageview")
                .then()
                .statusCode(200)
                .body("category", equalTo("page interaction"))
                .body("versions[0].schema.required", contains("host", "path"))
                .body("versions[0].status", equalTo("active"));
        given().auth()
                .oauth2(admin)
                .when()
                .get("/v1/admin/event-types/page interaction/no such type")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void registersTheFirstVersionOfANewType() {
        register("purchase", CHECKOUT_V1, "")
                .statusCode(201)
                .body("version", equalTo(1))
                .body("created", equalTo(true))
                .body("status", equalTo("active"))
                .body("compared_with", nullValue())
                .body("schema.required", contains("host", "amount"));
        assertThat(TestDatabase.rows(
                        "SELECT jsonb_typeof(schema) AS kind, schema -> 'required' ->> 1 AS second_required "
                                + "FROM event_types WHERE category = ? AND name = 'purchase'",
                        category))
                .containsExactly(Map.of("kind", "object", "second_required", "amount"));
    }

    @Test
    void registersACompatibleVersionAsTheNextOne() {
        register("purchase", CHECKOUT_V1, "").statusCode(201);
        String widened = """
                {"type": "object", "required": ["host"],
                 "properties": {"host": {"type": "string"}, "amount": {"type": "number"},
                                "currency": {"enum": ["EUR", "USD", "GBP"]}, "coupon": {"type": "string"}}}""";
        register("purchase", widened, "")
                .statusCode(201)
                .body("version", equalTo(2))
                .body("compared_with", equalTo(1))
                .body("forced", equalTo(false))
                .body("incompatibilities", nullValue());
        given().auth()
                .oauth2(admin)
                .when()
                .get("/v1/admin/event-types/{category}/purchase", category)
                .then()
                .body("current_version", equalTo(2))
                .body("versions.version", contains(2, 1));
    }

    @Test
    void answersTheCurrentVersionForTheSameSchemaWithoutAddingOne() {
        register("purchase", CHECKOUT_V1, "").statusCode(201);
        register("purchase", CHECKOUT_V1, "")
                .statusCode(200)
                .body("created", equalTo(false))
                .body("version", equalTo(1));
        assertThat(storedVersions("purchase")).isEqualTo(1);
    }

    @Test
    void refusesAnIncompatibleVersionSayingWhy() {
        register("purchase", CHECKOUT_V1, "").statusCode(201);
        String narrowed = """
                {"type": "object", "required": ["host", "amount", "order_id"], "additionalProperties": false,
                 "properties": {"host": {"type": "string"}, "amount": {"type": "string"},
                                "currency": {"enum": ["EUR"]}, "order_id": {"type": "string"}}}""";
        register("purchase", narrowed, "")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("incompatible_schema"))
                .body("detail", startsWith("schema: could refuse events that version 1 accepts (4 reasons"))
                .body(
                        "errors.rule",
                        containsInAnyOrder(
                                "required_added", "type_changed", "enum_narrowed", "additional_properties_restricted"))
                .body("errors.find { it.rule == 'type_changed' }.path", equalTo("/properties/amount/type"))
                .body(
                        "errors.find { it.rule == 'enum_narrowed' }.message",
                        equalTo("no longer allows \"USD\": events with them would be refused"));
        assertThat(storedVersions("purchase")).isEqualTo(1);
    }

    @Test
    void refusesRemovingAProperty() {
        register("purchase", CHECKOUT_V1, "").statusCode(201);
        register("purchase", """
                        {"type": "object", "required": ["host", "amount"],
                         "properties": {"host": {"type": "string"}, "amount": {"type": "integer"}}}""", "")
                .statusCode(409)
                .body("errors", hasSize(1))
                .body("errors[0].rule", equalTo("property_removed"))
                .body("errors[0].path", equalTo("/properties/currency"));
    }

    @Test
    void registersAnIncompatibleVersionWhenForcedListingWhatWasForced() {
        register("purchase", CHECKOUT_V1, "").statusCode(201);
        String stricter = """
                {"type": "object", "required": ["host", "amount", "order_id"],
                 "properties": {"host": {"type": "string"}, "amount": {"type": "integer"},
                                "currency": {"enum": ["EUR", "USD"]}, "order_id": {"type": "string"}}}""";
        register("purchase", stricter, "?force=true")
                .statusCode(201)
                .body("version", equalTo(2))
                .body("forced", equalTo(true))
                .body("incompatibilities.rule", contains("required_added"));
        assertThat(storedVersions("purchase")).isEqualTo(2);
    }

    @Test
    void refusesASchemaThatBreaksTheMetaSchema() {
        register("purchase", """
                        {"type": "object", "required": ["a", "a"],
                         "properties": {"a": {"type": "strin"}, "b": {"minLength": -1}}}""", "")
                .statusCode(400)
                .body("code", equalTo("invalid_schema"))
                .body("errors.path", hasItem("/properties/a/type"))
                .body("errors.path", hasItem("/properties/b/minLength"))
                .body("errors.path", hasItem("/required"));
        assertThat(storedVersions("purchase")).isZero();
    }

    @Test
    void refusesASchemaThatIsNotForAnObject() {
        register("purchase", "{\"type\": \"string\"}", "").statusCode(400).body("errors[0].path", equalTo("/type"));
        register("purchase", "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\"}", "")
                .statusCode(400)
                .body("errors[0].path", equalTo("/$schema"));
    }

    @Test
    void refusesASchemaThatDoesNotCompile() {
        register("purchase", "{\"type\": \"object\", \"$ref\": \"https://example.com/elsewhere.json\"}", "")
                .statusCode(400)
                .body("errors[0].message", startsWith("a reference cannot be resolved"));
        register("purchase", "{\"type\": \"object\", \"properties\": {\"a\": {\"pattern\": \"(\"}}}", "")
                .statusCode(400);
    }

    @Test
    void refusesABodyWithoutASchemaAndAnUnclearForce() {
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"type\": \"object\"}")
                .when()
                .post("/v1/admin/event-types/{category}/purchase/versions", category)
                .then()
                .statusCode(400)
                .body("detail", equalTo("type: unknown field; allowed: schema"));
        register("purchase", "[]", "")
                .statusCode(400)
                .body("detail", equalTo("schema: must be a JSON object: the JSON Schema for the event's data"));
        register("purchase", CHECKOUT_V1, "?force=yes")
                .statusCode(400)
                .body("detail", equalTo("force: must be true or false"));
        assertThat(storedVersions("purchase")).isZero();
    }
}
