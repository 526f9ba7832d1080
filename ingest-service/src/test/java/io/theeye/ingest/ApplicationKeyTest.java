package io.theeye.ingest;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.ingest.auth.ApplicationKeyStore;
import io.theeye.localstack.ApplicationRegistrar;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.Fixtures;
import io.theeye.localstack.LocalStackTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only the key of an enabled application, in force now, gets an event in. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ApplicationKeyTest {

    private static final String EVENT = Fixtures.seedEventTexts().get(0);

    @Inject
    ApplicationKeyStore keys;

    /** Until ingest has read the keys once it answers 503, not 401. */
    @BeforeEach
    void loadKeys() {
        ClientApplication.reloadKeys(keys);
    }

    @Test
    void refusesAMissingKey() {
        ClientApplication.postEvent(null, EVENT)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void refusesAnUnknownKey() {
        ClientApplication.postEvent("eye_notARealKeyAtAllxxxxxxxxxxxxxxxx", EVENT)
                .then()
                .statusCode(401);
    }

    @Test
    void refusesTheKeyOfADisabledApplication() {
        ClientApplication doomed = ClientApplication.register(keys, "doomed");
        doomed.postEvent(EVENT).then().statusCode(202);

        new ApplicationRegistrar(LocalStackTestResource.endpoints()).disable(doomed.id());
        ClientApplication.reloadKeys(keys);

        doomed.postEvent(EVENT).then().statusCode(401);
    }

    @Test
    void keepsAcceptingTheOldKeyDuringTheRotationOverlapAndRefusesItAfter() {
        ApplicationRegistrar registrar = new ApplicationRegistrar(LocalStackTestResource.endpoints());
        ClientApplication original = ClientApplication.register(keys, "rotating");

        RegisteredApplication rotated = registrar.rotate(original.id(), Duration.ofHours(1));
        ClientApplication.reloadKeys(keys);
        original.postEvent(EVENT).then().statusCode(202);
        ClientApplication.postEvent(rotated.key(), EVENT).then().statusCode(202);

        RegisteredApplication again = registrar.rotate(original.id(), Duration.ofSeconds(-1));
        ClientApplication.reloadKeys(keys);
        original.postEvent(EVENT).then().statusCode(401);
        ClientApplication.postEvent(rotated.key(), EVENT).then().statusCode(401);
        ClientApplication.postEvent(again.key(), EVENT).then().statusCode(202);
    }
}
