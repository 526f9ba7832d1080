package io.theeye.query.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.theeye.query.admin.EventTypeView;
import java.util.List;

/** Every registered event type with its versions, by category and name. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventTypeList(List<EventTypeView> eventTypes) {}
