package io.theeye.query.rest;

import io.smallrye.mutiny.Uni;
import io.theeye.query.config.QueryConfig;
import io.theeye.query.storage.EventCursor;
import io.theeye.query.storage.EventFilter;
import io.theeye.query.storage.EventQueryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
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

    private static final Set<String> LIST_PARAMETERS =
            Set.of("session_id", "application", "category", "name", "from", "to", "cursor", "limit");
    private static final Set<String> SESSION_PARAMETERS = Set.of("cursor", "limit");

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
            in = ParameterIn.QUERY,
            description = "a session UUID",
            example = "e2085be5-9137-4e4e-80b5-f1ffddc25423")
    @Parameter(name = "application", in = ParameterIn.QUERY, description = "an application id")
    @Parameter(name = "category", in = ParameterIn.QUERY, description = "event category", example = "page interaction")
    @Parameter(name = "name", in = ParameterIn.QUERY, description = "event name", example = "pageview")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "inclusive start", example = "2021-01-01T00:00:00Z")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "exclusive end", example = "2021-01-02T00:00:00Z")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "next_cursor of the previous page")
    @Parameter(
            name = "limit",
            in = ParameterIn.QUERY,
            description = "page size, default 100, at most 1000",
            example = "100")
    @APIResponse(
            responseCode = "200",
            description = "A page of events",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EventPage.class),
                            examples = @ExampleObject(name = "one page", value = ApiExamples.EVENT_PAGE)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter breaks its rule; the answer names it",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "limit too high", value = ApiExamples.LIMIT_PROBLEM)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "unauthorized", value = ApiExamples.UNAUTHORIZED)))
    public Uni<EventPage> list(@Context UriInfo uri) {
        QueryParameters params = QueryParameters.of(uri.getQueryParameters(), LIST_PARAMETERS);
        Instant from = params.time("from");
        Instant to = params.time("to");
        QueryParameters.requireOrdered(from, to);
        String cursor = params.text("cursor");
        EventFilter filter = new EventFilter(
                params.uuid("session_id"),
                params.uuid("application"),
                params.text("category"),
                params.text("name"),
                from,
                to,
                cursor == null ? null : EventCursor.decode(cursor));
        int limit = params.integer("limit", config.defaultPageSize(), 1, config.maxPageSize());
        return events.page(filter, limit).map(page -> new EventPage(page.events(), encode(page.next())));
    }

    @GET
    @Path("/sessions/{id}/events")
    @Operation(
            summary = "A session's timeline",
            description = "Its events in order, with count and first and last time.")
    @Parameter(name = "id", description = "the session UUID", example = "e2085be5-9137-4e4e-80b5-f1ffddc25423")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "next_cursor of the previous page")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "page size, default and at most 1000")
    @APIResponse(
            responseCode = "200",
            description = "The timeline (empty for an unknown session)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SessionTimeline.class),
                            examples = @ExampleObject(name = "seed session", value = ApiExamples.SESSION_TIMELINE)))
    @APIResponse(
            responseCode = "400",
            description = "The id is not a UUID, or a parameter breaks its rule",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "not a UUID", value = ApiExamples.UUID_PROBLEM)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "unauthorized", value = ApiExamples.UNAUTHORIZED)))
    public Uni<SessionTimeline> session(@PathParam("id") String id, @Context UriInfo uri) {
        UUID sessionId = QueryParameters.parseUuid("id", id);
        QueryParameters params = QueryParameters.of(uri.getQueryParameters(), SESSION_PARAMETERS);
        String cursor = params.text("cursor");
        int limit = params.integer("limit", config.maxPageSize(), 1, config.maxPageSize());
        return events.timeline(sessionId, cursor == null ? null : EventCursor.decode(cursor), limit)
                .map(timeline -> new SessionTimeline(
                        sessionId,
                        timeline.summary().events(),
                        timeline.summary().firstAt(),
                        timeline.summary().lastAt(),
                        timeline.page().events(),
                        encode(timeline.page().next())));
    }

    private static String encode(EventCursor cursor) {
        return cursor == null ? null : cursor.encode();
    }
}
