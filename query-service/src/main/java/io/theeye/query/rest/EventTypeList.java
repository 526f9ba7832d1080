package io.theeye.query.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.theeye.query.admin.EventTypeView;
import java.util.List;

/** Every registered event type with its versions, by category and name. */
public record EventTypeList(@JsonProperty("event_types") List<EventTypeView> eventTypes) {}
