package io.theeye.service.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.theeye.contract.Problem;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ProblemExceptionMappersTest {

    record NewThing(
            @NotNull(message = "is required") @Pattern(regexp = "[a-z]+", message = "must be lowercase letters")
            String name,

            @NotNull(message = "is required") String colour) {}

    private final ProblemExceptionMappers mappers = new ProblemExceptionMappers();

    @Test
    void answersBeanValidationWithEveryFieldAndItsRule() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        Response response =
                mappers.invalidInput(new ConstraintViolationException(validator.validate(new NewThing("Shop", null))));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.code()).isEqualTo("invalid_parameter");
        assertThat(problem.detail()).isEqualTo("colour: is required; name: must be lowercase letters");
    }

    @Test
    void answersAnUnknownBodyFieldNamingTheAllowedOnes() {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        UnrecognizedPropertyException unknown = catchThrowableOfType(
                UnrecognizedPropertyException.class,
                () -> strict.readValue("{\"name\": \"shop\", \"key\": \"mine\"}", NewThing.class));

        Problem problem = (Problem) mappers.unreadableJson(unknown).getEntity();

        assertThat(problem.code()).isEqualTo("invalid_parameter");
        assertThat(problem.detail()).isEqualTo("key: unknown field; allowed: colour, name");
    }

    @Test
    void answersJsonOfTheWrongShapeWithoutNamingAJavaType() {
        ObjectMapper mapper = new ObjectMapper();
        MismatchedInputException array =
                catchThrowableOfType(MismatchedInputException.class, () -> mapper.readValue("[]", NewThing.class));
        MismatchedInputException object = catchThrowableOfType(
                MismatchedInputException.class, () -> mapper.readValue("{\"name\": {}}", NewThing.class));

        Problem notAnObject = (Problem) mappers.mismatchedJson(array).getEntity();
        Problem wrongType = (Problem) mappers.mismatchedJson(object).getEntity();

        assertThat(notAnObject.code()).isEqualTo("malformed");
        assertThat(notAnObject.detail()).isEqualTo("the body must be a JSON object");
        assertThat(wrongType.detail()).isEqualTo("name: has the wrong JSON type");
    }

    @Test
    void answersAConflictWith409() {
        Response response = mappers.problem(ProblemException.conflict("taken"));
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(((Problem) response.getEntity()).code()).isEqualTo("conflict");
    }
}
