package io.theeye.query.rest;

import static org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.QUERY;

import io.smallrye.mutiny.Uni;
import io.theeye.contract.ErrorCode;
import io.theeye.contract.Problem;
import io.theeye.query.config.QueryConfig;
import io.theeye.query.service.InvalidEventQueryService;
import io.theeye.query.service.Page;
import io.theeye.query.storage.CountingClock;
import io.theeye.query.storage.InvalidEventCursor;
import io.theeye.query.storage.InvalidEventFilter;
import io.theeye.query.storage.InvalidEventSummary;
import io.theeye.query.storage.StoredInvalidEvent;
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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Error monitoring: the events that failed validation, each with its payload and every error. */
@Path("/v1/invalid-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"analyst", "admin"})
@SecurityRequirement(name = "jwt")
public class InvalidEventResource {

    private static final List<String> CODES =
            Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toList();

    private static final String CLOCK = "which time places an event in the range: arrival (when it reached ingest) "
            + "or event (its own time when it can be trusted, else its arrival: the clock of /v1/stats)";

    private final InvalidEventQueryService invalidEvents;
    private final QueryConfig config;

    InvalidEventResource(InvalidEventQueryService invalidEvents, QueryConfig config) {
        this.invalidEvents = invalidEvents;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "List invalid events",
            description = "Newest first on the asked clock (default: arrival); filters combine with AND. Each "
                    + "event carries its payload as received, every error (code, JSON Pointer, message), its "
                    + "counted_at (its time on the event-time clock) and its replay status. Follow next_cursor "
                    + "for more, with the same parameters: pages never overlap or skip, however many events "
                    + "arrive.")
    @Parameter(
            name = "code",
            in = QUERY,
            description = "only events with this error code among their errors",
            example = "schema_violation")
    @Parameter(name = "application", in = QUERY, description = "only this application (id)")
    @Parameter(name = "category", in = QUERY, description = "only this category", example = "page interaction")
    @Parameter(name = "name", in = QUERY, description = "only this event name", example = "pageview")
    @Parameter(name = "clock", in = QUERY, description = CLOCK, example = "arrival")
    @Parameter(name = "from", in = QUERY, description = "at or after, on the clock", example = "2021-01-01T00:00:00Z")
    @Parameter(name = "to", in = QUERY, description = "before, on the clock", example = "2021-01-02T00:00:00Z")
    @Parameter(name = "replay_status", in = QUERY, description = "only events in this replay status")
    @Parameter(name = "cursor", in = QUERY, description = "next_cursor of the previous page")
    @Parameter(name = "limit", in = QUERY, description = "page size, default 100, at most 1000", example = "100")
    @APIResponse(
            responseCode = "200",
            description = "A page of invalid events",
            content =
                    @Content(
                            schema = @Schema(ref = "InvalidEventPage"),
                            examples = @ExampleObject(name = "one schema violation", value = ApiExamples.INVALID_PAGE)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter breaks its rule; the answer names it",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "limit too high", value = ApiExamples.LIMIT_PROBLEM)))
    public Uni<Page<StoredInvalidEvent>> list(@Context UriInfo uri) {
        StrictParameters params = StrictParameters.of(
                uri,
                "code",
                "application",
                "category",
                "name",
                "clock",
                "from",
                "to",
                "replay_status",
                "cursor",
                "limit");
        Instant from = params.time("from");
        Instant to = params.time("to");
        StrictParameters.requireOrdered(from, to);
        InvalidEventCursor after = params.parsed("cursor", InvalidEventCursor::decode, EventResource.CURSOR_RULE);
        InvalidEventFilter filter = new InvalidEventFilter(
                params.choice("code", CODES, null),
                params.uuid("application"),
                params.text("category"),
                params.text("name"),
                clock(params),
                from,
                to,
                params.choice("replay_status", InvalidEventFilter.REPLAY_STATUSES, null),
                false,
                after);
        return invalidEvents.page(filter, params.integer("limit", config.defaultPageSize(), 1, config.maxPageSize()));
    }

    @GET
    @Path("/summary")
    @Operation(
            summary = "Summarize invalid events",
            description = "Counts by error code and by event type over a range on the asked clock, most "
                    + "frequent first, each with the newest sample event ids. Defaults: clock = arrival, to = now, "
                    + "from = 24 hours before; at most 31 days (configurable). On the event clock the range is "
                    + "widened to whole hours, as /v1/stats widens it, and the total equals /v1/stats' invalid "
                    + "total for the same range and filters. An event with several codes counts under each code, "
                    + "once in total. Events a replay has stored since count as valid, as in /v1/stats.")
    @Parameter(name = "clock", in = QUERY, description = CLOCK, example = "event")
    @Parameter(name = "from", in = QUERY, description = "at or after, on the clock", example = "2021-01-01T00:00:00Z")
    @Parameter(name = "to", in = QUERY, description = "before, on the clock", example = "2021-01-02T00:00:00Z")
    @Parameter(name = "application", in = QUERY, description = "only this application (id)")
    @Parameter(name = "category", in = QUERY, description = "only this category", example = "page interaction")
    @Parameter(name = "name", in = QUERY, description = "only this event name", example = "pageview")
    @APIResponse(
            responseCode = "200",
            description = "The summary",
            content =
                    @Content(
                            schema = @Schema(implementation = InvalidEventSummary.class),
                            examples = @ExampleObject(name = "a day", value = ApiExamples.INVALID_SUMMARY)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter breaks its rule, or the range is too long",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "from after to", value = ApiExamples.ORDER_PROBLEM)))
    public Uni<InvalidEventSummary> summary(@Context UriInfo uri) {
        StrictParameters params = StrictParameters.of(uri, "application", "category", "name", "clock", "from", "to");
        Instant from = params.time("from");
        Instant to = params.time("to");
        StrictParameters.requireOrdered(from, to);
        return invalidEvents.summarize(
                params.uuid("application"), params.text("category"), params.text("name"), clock(params), from, to);
    }

    private static CountingClock clock(StrictParameters params) {
        return CountingClock.fromWire(params.choice("clock", CountingClock.wires(), CountingClock.ARRIVAL.wire()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One invalid event", description = "Its payload, every error and its replay status.")
    @APIResponse(
            responseCode = "200",
            description = "The invalid event",
            content =
                    @Content(
                            schema = @Schema(implementation = StoredInvalidEvent.class),
                            examples = @ExampleObject(name = "schema violation", value = ApiExamples.INVALID_EVENT)))
    @APIResponse(responseCode = "404", ref = "notFound")
    public Uni<StoredInvalidEvent> one(@PathParam("id") String id, @Context UriInfo uri) {
        UUID eventId = StrictParameters.uuid("id", id);
        StrictParameters.of(uri);
        return invalidEvents.find(eventId);
    }
}
