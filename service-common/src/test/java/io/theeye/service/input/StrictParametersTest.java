package io.theeye.service.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.theeye.service.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class StrictParametersTest {

    private static StrictParameters given(String name, String... values) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        map.addAll(name, values);
        return StrictParameters.of(map, Set.of(name, "other"));
    }

    private static AbstractThrowableAssert<?, ?> refused(Runnable reading, String detail) {
        return assertThatThrownBy(reading::run)
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().code()).isEqualTo("invalid_parameter"))
                .hasMessage(detail);
    }

    @Test
    void refusesAnUnknownParameterListingTheAllowedOnes() {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        map.add("session", "x");
        refused(() -> StrictParameters.of(map, Set.of("to", "from")), "session: unknown parameter; allowed: from, to");
        refused(() -> StrictParameters.of(map, Set.of()), "session: unknown parameter; this endpoint takes none");
    }

    @Test
    void refusesARepeatedParameter() {
        refused(() -> given("category", "a", "b"), "category: may be given once");
    }

    @Test
    void readsTextWithoutNulOrBlank() {
        assertThat(given("category", "page interaction").text("category")).isEqualTo("page interaction");
        assertThat(given("category", "x").text("other")).isNull();
        refused(
                () -> given("category", "a\u0000").text("category"),
                "category: must be a non-empty string of at most 255 characters, without NUL or unpaired surrogates");
        refused(
                () -> given("category", " ").text("category"),
                "category: must be a non-empty string of at most 255 characters, without NUL or unpaired surrogates");
    }

    @Test
    void readsOnlyCanonicalUuids() {
        UUID id = UUID.randomUUID();
        assertThat(given("id", id.toString()).uuid("id")).isEqualTo(id);
        refused(() -> given("id", "1-2-3-4-5").uuid("id"), "id: must be a UUID");
    }

    @Test
    void readsTimesInEitherFormWithinTheStorableYears() {
        assertThat(given("from", "2021-01-01 09:15:27").time("from")).isEqualTo(Instant.parse("2021-01-01T09:15:27Z"));
        refused(
                () -> given("from", "yesterday").time("from"),
                "from: must be a time as ISO-8601 (2021-01-01T09:15:27Z) or 'yyyy-MM-dd HH:mm:ss' UTC");
        refused(() -> given("from", "+10000-01-01T00:00:00Z").time("from"), "from: must lie in the years 0001 to 9999");
    }

    @Test
    void readsWordsFlagsAndBoundedNumbersWithTheirDefaults() {
        assertThat(given("bucket", "day").choice("bucket", List.of("hour", "day"), "hour"))
                .isEqualTo("day");
        assertThat(given("bucket", "day").choice("other", List.of("hour", "day"), "hour"))
                .isEqualTo("hour");
        refused(
                () -> given("bucket", "week").choice("bucket", List.of("hour", "day"), null),
                "bucket: must be one of: hour, day");
        assertThat(given("force", "true").bool("force", false)).isTrue();
        refused(() -> given("force", "yes").bool("force", false), "force: must be true or false");
        assertThat(given("limit", "7").integer("limit", 100, 1, 1000)).isEqualTo(7);
        assertThat(given("limit", "7").integer("other", 100, 1, 1000)).isEqualTo(100);
        refused(
                () -> given("limit", "ten").integer("limit", 100, 1, 1000),
                "limit: must be a whole number from 1 to 1000");
        refused(
                () -> given("limit", "0").integer("limit", 100, 1, 1000),
                "limit: must be a whole number from 1 to 1000");
    }

    @Test
    void readsWithAParserAndNamesItsRuleWhenItCannot() {
        Integer read = given("cursor", "42").parsed("cursor", Integer::valueOf, "must be a cursor");
        assertThat(read).isEqualTo(42);
        refused(
                () -> given("cursor", "x").parsed("cursor", Integer::valueOf, "must be a cursor"),
                "cursor: must be a cursor");
    }

    @Test
    void refusesARangeThatEndsBeforeItStarts() {
        Instant t = Instant.parse("2021-01-01T00:00:00Z");
        StrictParameters.requireOrdered(t, null);
        StrictParameters.requireOrdered(t, t.plusSeconds(1));
        refused(() -> StrictParameters.requireOrdered(t, t), "from: must be before 'to'");
    }
}
