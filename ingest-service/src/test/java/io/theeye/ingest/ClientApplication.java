package io.theeye.ingest;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.theeye.ingest.auth.ApplicationKeyStore;
import io.theeye.localstack.ApplicationRegistrar;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.LocalStackTestResource;
import java.time.Duration;
import java.util.UUID;

/**
 * A client application as the tests play it: registered, its key loaded by ingest, posting JSON
 * with its key as bearer, the way every client does.
 */
record ClientApplication(UUID id, String key) {

    /** Registers a new application (a unique name from the prefix) and has ingest load its key at once. */
    static ClientApplication register(ApplicationKeyStore keys, String namePrefix) {
        RegisteredApplication app = new ApplicationRegistrar(LocalStackTestResource.endpoints())
                .register(namePrefix + "-" + UUID.randomUUID());
        reloadKeys(keys);
        return new ClientApplication(app.id(), app.key());
    }

    /** Has ingest read the keys now rather than at its next refresh. */
    static void reloadKeys(ApplicationKeyStore keys) {
        keys.refresh().await().atMost(Duration.ofSeconds(10));
    }

    /** The request every client sends: a key as bearer (none when null) and a JSON body. */
    static RequestSpecification posting(String key, String body) {
        RequestSpecBuilder spec =
                new RequestSpecBuilder().setContentType(ContentType.JSON).setBody(body);
        if (key != null) {
            spec.setAuth(io.restassured.RestAssured.oauth2(key));
        }
        return given().spec(spec.build());
    }

    /** POST /v1/events with this application's key. */
    Response postEvent(String body) {
        return postEvent(key, body);
    }

    /** POST /v1/batch with this application's key. */
    Response postBatch(String body) {
        return posting(key, body).when().post("/v1/batch");
    }

    /** POST /v1/events with any key. */
    static Response postEvent(String key, String body) {
        return posting(key, body).when().post("/v1/events");
    }
}
