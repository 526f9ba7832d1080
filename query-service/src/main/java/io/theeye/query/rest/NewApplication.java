package io.theeye.query.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The body that registers an application. */
public record NewApplication(
        @NotNull(message = NAME_RULE) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}", message = NAME_RULE)
        String name) {

    static final String NAME_RULE =
            "must be 1 to 100 characters: letters, digits, space, '.', '_' or '-', starting with a letter or digit";
}
