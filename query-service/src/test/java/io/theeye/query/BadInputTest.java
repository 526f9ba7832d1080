package io.theeye.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.theeye.localstack.LocalStackTestResource;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input is a 400 problem+json naming the parameter and its rule; never a 500. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class BadInputTest {

    private static final String UUID_RULE = "must be a UUID";
    private static final String TIME_RULE =
            "must be a time as ISO-8601 (2021-01-01T09:15:27Z) or 'yyyy-MM-dd HH:mm:ss' UTC";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // malformed UUID
                Arguments.of("/v1/events?session_id=e2085be5", "session_id: " + UUID_RULE),
                Arguments.of("/v1/events?application=not-a-uuid", "application: " + UUID_RULE),
                Arguments.of("/v1/sessions/e2085be5-9137-4e4e-80b5-f1ffddc2542/events", "id: " + UUID_RULE),
                Arguments.of("/v1/stats?application=x", "application: " + UUID_RULE),
                Arguments.of("/v1/invalid-events?application=x", "application: " + UUID_RULE),
                Arguments.of("/v1/invalid-events/summary?application=x", "application: " + UUID_RULE),
                Arguments.of("/v1/invalid-events/123", "id: " + UUID_RULE),
                Arguments.of("/v1/admin/applications/123", "id: " + UUID_RULE),
                // malformed time
                Arguments.of("/v1/events?from=yesterday", "from: " + TIME_RULE),
                Arguments.of("/v1/events?to=2021-02-30T00:00:00Z", "to: " + TIME_RULE),
                Arguments.of("/v1/stats?from=2021-13-01", "from: " + TIME_RULE),
                Arguments.of("/v1/invalid-events?to=1612345678", "to: " + TIME_RULE),
                Arguments.of("/v1/invalid-events/summary?from=2021-01-01T25:00:00Z", "from: " + TIME_RULE),
                Arguments.of("/v1/events?from=%2B10000-01-01T00:00:00Z", "from: must lie in the years 0001 to 9999"),
                // from after to
                Arguments.of(
                        "/v1/events?from=2021-01-02T00:00:00Z&to=2021-01-01T00:00:00Z", "from: must be before 'to'"),
                Arguments.of(
                        "/v1/events?from=2021-01-01T00:00:00Z&to=2021-01-01T00:00:00Z", "from: must be before 'to'"),
                Arguments.of(
                        "/v1/stats?from=2021-01-02T00:00:00Z&to=2021-01-01T00:00:00Z", "from: must be before 'to'"),
                Arguments.of(
                        "/v1/invalid-events?from=2021-01-02T00:00:00Z&to=2021-01-01T00:00:00Z",
                        "from: must be before 'to'"),
                Arguments.of(
                        "/v1/invalid-events/summary?from=2021-01-02T00:00:00Z&to=2021-01-01T00:00:00Z",
                        "from: must be before 'to'"),
                // limit above the maximum, or otherwise out of range
                Arguments.of("/v1/events?limit=1001", "limit: must be a whole number from 1 to 1000"),
                Arguments.of("/v1/events?limit=0", "limit: must be a whole number from 1 to 1000"),
                Arguments.of("/v1/events?limit=ten", "limit: must be a whole number from 1 to 1000"),
                Arguments.of(
                        "/v1/sessions/e2085be5-9137-4e4e-80b5-f1ffddc25423/events?limit=99999999999",
                        "limit: must be a whole number from 1 to 1000"),
                Arguments.of("/v1/invalid-events?limit=1001", "limit: must be a whole number from 1 to 1000"),
                // unknown or repeated parameter
                Arguments.of(
                        "/v1/events?session=e2085be5-9137-4e4e-80b5-f1ffddc25423",
                        "session: unknown parameter; allowed: application, category, cursor, from, limit, name, "
                                + "session_id, to"),
                Arguments.of("/v1/events?category=a&category=b", "category: may be given once"),
                Arguments.of(
                        "/v1/stats?interval=hour",
                        "interval: unknown parameter; allowed: application, bucket, category, from, group_by, name, to"),
                Arguments.of(
                        "/v1/invalid-events?error_code=malformed",
                        "error_code: unknown parameter; allowed: application, category, clock, code, cursor, from, "
                                + "limit, name, replay_status, to"),
                Arguments.of(
                        "/v1/invalid-events/summary?code=malformed",
                        "code: unknown parameter; allowed: application, category, clock, from, name, to"),
                Arguments.of("/v1/overview?range=1h", "range: unknown parameter; this endpoint takes none"),
                Arguments.of("/v1/admin/applications?page=2", "page: unknown parameter; this endpoint takes none"),
                Arguments.of(
                        "/v1/admin/event-types?category=x", "category: unknown parameter; this endpoint takes none"),
                // a choice outside its set, a cursor that is not one
                Arguments.of("/v1/stats?bucket=week", "bucket: must be one of: hour, day"),
                Arguments.of(
                        "/v1/stats?group_by=session", "group_by: must be one of: none, category, name, application"),
                Arguments.of(
                        "/v1/invalid-events?code=oops",
                        "code: must be one of: malformed, missing_field, invalid_field, invalid_timestamp, "
                                + "future_timestamp, unknown_event_type, schema_violation, too_large, unstorable"),
                Arguments.of("/v1/invalid-events/summary?clock=wall", "clock: must be one of: event, arrival"),
                Arguments.of(
                        "/v1/invalid-events?replay_status=done",
                        "replay_status: must be one of: pending, replayed, still_invalid"),
                Arguments.of(
                        "/v1/events?cursor=bm90LWEtY3Vyc29y", "cursor: must be a cursor returned by a previous page"),
                Arguments.of(
                        "/v1/events?cursor=OTk5OTk5OTk5OTk5OjA6MDow",
                        "cursor: must be a cursor returned by a previous page"),
                Arguments.of(
                        "/v1/invalid-events?cursor=%25%25", "cursor: must be a cursor returned by a previous page"),
                Arguments.of(
                        "/v1/events?category=",
                        "category: must be a non-empty string of at most 255 characters, without NUL or unpaired surrogates"),
                Arguments.of(
                        "/v1/events?category=%00",
                        "category: must be a non-empty string of at most 255 characters, without NUL or unpaired surrogates"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesWithAProblemNamingTheParameterAndRule(String path, String detail) {
        given().urlEncodingEnabled(false)
                .auth()
                .oauth2(Tokens.admin())
                .when()
                .get(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_parameter"))
                .body("detail", equalTo(detail));
    }
}
