package io.theeye.query.rest;

import static org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.QUERY;

import io.smallrye.mutiny.Uni;
import io.theeye.contract.Problem;
import io.theeye.query.config.QueryConfig;
import io.theeye.query.service.EventQueryService;
import io.theeye.query.service.Page;
import io.theeye.query.service.SessionTimeline;
import io.theeye.query.storage.EventCursor;
import io.theeye.query.storage.EventFilter;
import io.theeye.query.storage.StoredEvent;
import io.theeye.service.input.StrictParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Analysts' view of stored events: filtered listings and session timelines, cursor-paged. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"analyst", "admin"})
@SecurityRequirement(name = "jwt")
public class EventResource {

    static final String CURSOR_RULE = "must be a cursor returned by a previous page";

    private final EventQueryService events;
    private final QueryConfig config;

    EventResource(EventQueryService events, QueryConfig config) {
        this.events = events;
        this.config = config;
    }

    @GET
    @Path("/events")
    @Operation(
            summary = "List events",
            description = "Filters combine with AND; ordered by time, then arrival. Follow next_cursor for more.")
    @Parameter(
            name = "session_id",
            in = QUERY,
            description = "a session UUID",
            example = "e2085be5-9137-4e4e-80b5-f1ffddc25423")
    @Parameter(name = "application", in = QUERY, description = "only this application (id)")
    @Parameter(name = "category", in = QUERY, description = "only this category", example = "page interaction")
    @Parameter(name = "name", in = QUERY, description = "only this event name", example = "pageview")
    @Parameter(name = "from", in = QUERY, description = "inclusive start", example = "2021-01-01T00:00:00Z")
    @Parameter(name = "to", in = QUERY, description = "exclusive end", example = "2021-01-02T00:00:00Z")
    @Parameter(name = "cursor", in = QUERY, description = "next_cursor of the previous page")
    @Parameter(name = "limit", in = QUERY, description = "page size, default 100, at most 1000", example = "100")
    @APIResponse(
            responseCode = "200",
            description = "A page of events",
            content =
                    @Content(
                            schema = @Schema(ref = "EventPage"),
                            examples = @ExampleObject(name = "one page", value = ApiExamples.EVENT_PAGE)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter breaks its rule; the answer names it",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "limit too high", value = ApiExamples.LIMIT_PROBLEM)))
    public Uni<Page<StoredEvent>> list(@Context UriInfo uri) {
        StrictParameters params = StrictParameters.of(
                uri, "session_id", "application", "category", "name", "from", "to", "cursor", "limit");
        Instant from = params.time("from");
        Instant to = params.time("to");
        StrictParameters.requireOrdered(from, to);
        EventCursor after = params.parsed("cursor", EventCursor::decode, CURSOR_RULE);
        EventFilter filter = new EventFilter(
                params.uuid("session_id"),
                params.uuid("application"),
                params.text("category"),
                params.text("name"),
                from,
                to,
                after);
        return events.page(filter, params.integer("limit", config.defaultPageSize(), 1, config.maxPageSize()));
    }

    @GET
    @Path("/sessions/{id}/events")
    @Operation(
            summary = "A session's timeline",
            description = "Its events in order, with count and first and last time.")
    @Parameter(name = "id", description = "the session UUID", example = "e2085be5-9137-4e4e-80b5-f1ffddc25423")
    @Parameter(name = "cursor", in = QUERY, description = "next_cursor of the previous page")
    @Parameter(name = "limit", in = QUERY, description = "page size, default and at most 1000")
    @APIResponse(
            responseCode = "200",
            description = "The timeline (empty for an unknown session)",
            content =
                    @Content(
                            schema = @Schema(implementation = SessionTimeline.class),
                            examples = @ExampleObject(name = "seed session", value = ApiExamples.SESSION_TIMELINE)))
    @APIResponse(
            responseCode = "400",
            description = "The id is not a UUID, or a parameter breaks its rule",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "not a UUID", value = ApiExamples.UUID_PROBLEM)))
    public Uni<SessionTimeline> session(@PathParam("id") String id, @Context UriInfo uri) {
        UUID sessionId = StrictParameters.uuid("id", id);
        StrictParameters params = StrictParameters.of(uri, "cursor", "limit");
        EventCursor after = params.parsed("cursor", EventCursor::decode, CURSOR_RULE);
        return events.timeline(
                sessionId, after, params.integer("limit", config.maxPageSize(), 1, config.maxPageSize()));
    }
}
