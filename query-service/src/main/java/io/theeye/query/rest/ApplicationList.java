package io.theeye.query.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.theeye.query.admin.ApplicationView;
import java.util.List;

/** Every registered application, by name. */
public record ApplicationList(@JsonProperty("applications") List<ApplicationView> applications) {}
