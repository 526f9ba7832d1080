package io.theeye.query.rest;

import io.theeye.query.admin.ApplicationView;
import java.util.List;

/** Every registered application, by name. */
public record ApplicationList(List<ApplicationView> applications) {}
