package io.theeye.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String CURRENT = """
            {"type": "object", "required": ["host"],
             "properties": {
               "host": {"type": "string", "minLength": 1, "maxLength": 200},
               "count": {"type": "integer", "minimum": 0},
               "kind": {"enum": ["a", "b"]},
               "tags": {"type": "array", "items": {"type": "string"}},
               "form": {"type": "object", "properties": {"email": {"type": "string"}}}}}""";

    private static List<Incompatibility> changes(String current, String proposed) {
        try {
            return SchemaCompatibility.breakingChanges(MAPPER.readTree(current), MAPPER.readTree(proposed));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The current schema with one part replaced (a crude but readable way to write variants). */
    private static String with(String from, String to) {
        assertThat(CURRENT).contains(from);
        return CURRENT.replace(from, to);
    }

    private static List<String> rules(String proposed) {
        return changes(CURRENT, proposed).stream().map(Incompatibility::rule).toList();
    }

    @Test
    void acceptsTheSameSchema() {
        assertThat(changes(CURRENT, CURRENT)).isEmpty();
    }

    @Test
    void acceptsLooseningChanges() {
        assertThat(rules(with("\"required\": [\"host\"]", "\"required\": []"))).isEmpty();
        assertThat(rules(with("\"minLength\": 1, \"maxLength\": 200", "\"maxLength\": 300")))
                .isEmpty();
        assertThat(rules(with("{\"type\": \"integer\", \"minimum\": 0}", "{\"type\": \"number\"}")))
                .isEmpty();
        assertThat(rules(with("[\"a\", \"b\"]", "[\"a\", \"b\", \"c\"]"))).isEmpty();
        assertThat(rules(
                        with("\"type\": \"string\", \"minLength\"", "\"type\": [\"string\", \"null\"], \"minLength\"")))
                .isEmpty();
    }

    @Test
    void acceptsAnAddedOptionalProperty() {
        assertThat(rules(with("\"tags\":", "\"referrer\": {\"type\": \"string\"}, \"tags\":")))
                .isEmpty();
    }

    @Test
    void refusesAnAddedRequiredProperty() {
        List<Incompatibility> found =
                changes(CURRENT, with("\"required\": [\"host\"]", "\"required\": [\"host\", \"kind\"]"));
        assertThat(found)
                .containsExactly(new Incompatibility(
                        "required_added",
                        "/required",
                        "property 'kind' is now required: events without it would be refused"));
    }

    @Test
    void refusesARequiredPropertyAddedInsideANestedObject() {
        assertThat(changes(
                        CURRENT,
                        with("\"properties\": {\"email\"", "\"required\": [\"email\"], \"properties\": {\"email\"")))
                .extracting(Incompatibility::rule, Incompatibility::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("required_added", "/properties/form/required"));
    }

    @Test
    void refusesARemovedProperty() {
        assertThat(changes(CURRENT, with("\"kind\": {\"enum\": [\"a\", \"b\"]},", "")))
                .extracting(Incompatibility::rule, Incompatibility::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("property_removed", "/properties/kind"));
    }

    @Test
    void refusesAChangedOrNarrowedType() {
        assertThat(rules(with("\"count\": {\"type\": \"integer\"", "\"count\": {\"type\": \"string\"")))
                .containsExactly("type_changed");
        assertThat(rules(with("{\"type\": \"string\"}}}}", "{\"type\": \"integer\"}}}}")))
                .containsExactly("type_changed");
        assertThat(changes(
                        "{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"number\"}}}",
                        "{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}"))
                .extracting(Incompatibility::path)
                .containsExactly("/properties/n/type");
    }

    @Test
    void refusesATypeOnAPropertyThatAcceptedAnyType() {
        assertThat(rules(with("\"kind\": {\"enum\"", "\"kind\": {\"type\": \"string\", \"enum\"")))
                .containsExactly("type_changed");
    }

    @Test
    void refusesANarrowedEnum() {
        assertThat(changes(CURRENT, with("[\"a\", \"b\"]", "[\"a\"]")))
                .extracting(Incompatibility::rule, Incompatibility::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "enum_narrowed", "no longer allows \"b\": events with them would be refused"));
        assertThat(rules(with("\"count\": {\"type\": \"integer\"", "\"count\": {\"const\": 1, \"type\": \"integer\"")))
                .containsExactly("enum_narrowed");
    }

    @Test
    void refusesClosingTheObject() {
        assertThat(rules(with("\"required\": [\"host\"]", "\"required\": [\"host\"], \"additionalProperties\": false")))
                .containsExactly("additional_properties_restricted");
    }

    @Test
    void refusesTightenedConstraints() {
        assertThat(rules(with("\"minLength\": 1", "\"minLength\": 2"))).containsExactly("constraint_tightened");
        assertThat(rules(with("\"maxLength\": 200", "\"maxLength\": 100"))).containsExactly("constraint_tightened");
        assertThat(rules(with("\"minimum\": 0", "\"minimum\": 0, \"maximum\": 10")))
                .containsExactly("constraint_tightened");
        assertThat(rules(with("\"minLength\": 1,", "\"minLength\": 1, \"pattern\": \"^www\",")))
                .containsExactly("constraint_tightened");
    }

    @Test
    void followsArrayItems() {
        assertThat(changes(CURRENT, with("\"items\": {\"type\": \"string\"}", "\"items\": {\"type\": \"integer\"}")))
                .extracting(Incompatibility::path)
                .containsExactly("/properties/tags/items/type");
    }

    @Test
    void cannotVouchForChangedCompositions() {
        assertThat(rules(with(
                        "\"required\": [\"host\"]",
                        "\"required\": [\"host\"], \"anyOf\": [{\"required\": [\"kind\"]}]")))
                .containsExactly("unverifiable_change");
    }
}
