package io.theeye.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<Error> errors(String schema, String data) throws Exception {
        Schema compiled = EventSchemas.compiler().getSchema(MAPPER.readTree(schema));
        compiled.initializeValidators();
        return compiled.validate(MAPPER.readTree(data));
    }

    @Test
    void reportsWhereDataBreaksTheSchemaAsAJsonPointer() throws Exception {
        List<Error> errors =
                errors("{\"type\": \"object\", \"properties\": {\"path\": {\"type\": \"string\"}}}", "{\"path\": 42}");
        assertThat(errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getInstanceLocation().toString()).isEqualTo("/path"));
    }

    @Test
    void assertsFormats() throws Exception {
        assertThat(errors(
                        "{\"type\": \"object\", \"properties\": {\"mail\": {\"type\": \"string\", \"format\": \"email\"}}}",
                        "{\"mail\": \"not an address\"}"))
                .hasSize(1);
    }

    @Test
    void neverFetchesARemoteReference() {
        assertThatThrownBy(() -> errors("{\"$ref\": \"https://example.com/schema.json\"}", "{}"))
                .isInstanceOf(RuntimeException.class);
    }
}
