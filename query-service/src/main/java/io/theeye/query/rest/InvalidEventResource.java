package io.theeye.query.rest;

import io.smallrye.mutiny.Uni;
import io.theeye.contract.ErrorCode;
import io.theeye.query.config.QueryConfig;
import io.theeye.query.storage.InvalidEventCursor;
import io.theeye.query.storage.InvalidEventFilter;
import io.theeye.query.storage.InvalidEventQueryService;
import io.theeye.query.storage.InvalidEventSummary;
import io.theeye.query.storage.StoredInvalidEvent;
import io.theeye.service.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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

/** Error monitoring: the events that failed validation, each with its payload and every error. */
@Path("/v1/invalid-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"analyst", "admin"})
@SecurityRequirement(name = "jwt")
public class InvalidEventResource {

    static final List<String> CODES =
            Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toList();
    static final List<String> REPLAY_STATUSES = List.of("pending", "replayed", "still_invalid");

    private static final Set<String> LIST_PARAMETERS =
            Set.of("code", "application", "category", "name", "from", "to", "replay_status", "cursor", "limit");
    private static final Set<String> SUMMARY_PARAMETERS = Set.of("application", "category", "name", "from", "to");

    private final InvalidEventQueryService invalidEvents;
    private final QueryConfig config;
    private final Clock clock;

    InvalidEventResource(InvalidEventQueryService invalidEvents, QueryConfig config) {
        this.invalidEvents = invalidEvents;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    @GET
    @Operation(
            summary = "List invalid events",
            description = "Newest arrival first; filters combine with AND. Each event carries its payload as "
                    + "received, every error (code, JSON Pointer, message) and its replay status. "
                    + "Follow next_cursor for more: pages never overlap or skip, however many events arrive.")
    @Parameter(
            name = "code",
            in = ParameterIn.QUERY,
            description = "only events with this error code among their errors",
            example = "schema_violation",
            schema =
                    @Schema(
                            enumeration = {
                                "malformed",
                                "missing_field",
                                "invalid_field",
                                "invalid_timestamp",
                                "future_timestamp",
                                "unknown_event_type",
                                "schema_violation",
                                "too_large"
                            }))
    @Parameter(name = "application", in = ParameterIn.QUERY, description = "only this application (id)")
    @Parameter(
            name = "category",
            in = ParameterIn.QUERY,
            description = "event type: category",
            example = "page interaction")
    @Parameter(name = "name", in = ParameterIn.QUERY, description = "event type: name", example = "pageview")
    @Parameter(
            name = "from",
            in = ParameterIn.QUERY,
            description = "arrived at or after",
            example = "2021-01-01T00:00:00Z")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "arrived before", example = "2021-01-02T00:00:00Z")
    @Parameter(
            name = "replay_status",
            in = ParameterIn.QUERY,
            description = "only events in this replay status",
            schema = @Schema(enumeration = {"pending", "replayed", "still_invalid"}))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "next_cursor of the previous page")
    @Parameter(
            name = "limit",
            in = ParameterIn.QUERY,
            description = "page size, default 100, at most 1000",
            example = "50")
    @APIResponse(
            responseCode = "200",
            description = "A page of invalid events",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = InvalidEventPage.class),
                            examples = @ExampleObject(name = "one schema violation", value = ApiExamples.INVALID_PAGE)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter breaks its rule; the answer names it",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "unknown code", value = ApiExamples.CODE_PROBLEM)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "unauthorized", value = ApiExamples.UNAUTHORIZED)))
    public Uni<InvalidEventPage> list(@Context UriInfo uri) {
        QueryParameters params = QueryParameters.of(uri.getQueryParameters(), LIST_PARAMETERS);
        Instant from = params.time("from");
        Instant to = params.time("to");
        QueryParameters.requireOrdered(from, to);
        String cursor = params.text("cursor");
        InvalidEventFilter filter = new InvalidEventFilter(
                params.choice("code", CODES, null),
                params.uuid("application"),
                params.text("category"),
                params.text("name"),
                from,
                to,
                params.choice("replay_status", REPLAY_STATUSES, null),
                cursor == null ? null : InvalidEventCursor.decode(cursor));
        int limit = params.integer("limit", config.defaultPageSize(), 1, config.maxPageSize());
        return invalidEvents
                .page(filter, limit)
                .map(page -> new InvalidEventPage(
                        page.events(), page.next() == null ? null : page.next().encode()));
    }

    @GET
    @Path("/summary")
    @Operation(
            summary = "Summarize invalid events",
            description = "Counts by error code and by event type over an arrival-time range, most frequent "
                    + "first, each with the newest sample event ids. Defaults: to = now, from = 24 hours before; "
                    + "at most 31 days (configurable). An event with several codes counts under each code, once "
                    + "in total.")
    @Parameter(
            name = "from",
            in = ParameterIn.QUERY,
            description = "arrived at or after",
            example = "2021-01-01T00:00:00Z")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "arrived before", example = "2021-01-02T00:00:00Z")
    @Parameter(name = "application", in = ParameterIn.QUERY, description = "only this application (id)")
    @Parameter(
            name = "category",
            in = ParameterIn.QUERY,
            description = "event type: category",
            example = "page interaction")
    @Parameter(name = "name", in = ParameterIn.QUERY, description = "event type: name", example = "pageview")
    @APIResponse(
            responseCode = "200",
            description = "The summary",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = InvalidEventSummary.class),
                            examples = @ExampleObject(name = "a day", value = ApiExamples.INVALID_SUMMARY)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter breaks its rule, or the range is too long",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "from after to", value = ApiExamples.ORDER_PROBLEM)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "unauthorized", value = ApiExamples.UNAUTHORIZED)))
    public Uni<InvalidEventSummary> summary(@Context UriInfo uri) {
        QueryParameters params = QueryParameters.of(uri.getQueryParameters(), SUMMARY_PARAMETERS);
        Instant askedFrom = params.time("from");
        Instant askedTo = params.time("to");
        QueryParameters.requireOrdered(askedFrom, askedTo);
        Instant to = askedTo != null ? askedTo : clock.instant();
        Instant from = askedFrom != null ? askedFrom : to.minus(Duration.ofHours(24));
        if (!from.isBefore(to)) {
            throw ProblemException.invalidParameter("from", "must be before 'to' (to defaults to now)");
        }
        int maxDays = config.invalid().summaryMaxDays();
        if (Duration.between(from, to).compareTo(Duration.ofDays(maxDays)) > 0) {
            throw ProblemException.invalidParameter(
                    "from", "the range from 'from' to 'to' may span at most " + maxDays + " days");
        }
        return invalidEvents.summarize(InvalidEventFilter.range(
                params.uuid("application"), params.text("category"), params.text("name"), from, to));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One invalid event", description = "Its payload, every error and its replay status.")
    @APIResponse(
            responseCode = "200",
            description = "The invalid event",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = StoredInvalidEvent.class),
                            examples = @ExampleObject(name = "schema violation", value = ApiExamples.INVALID_EVENT)))
    @APIResponse(
            responseCode = "404",
            description = "No invalid event has this id",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    public Uni<StoredInvalidEvent> one(@PathParam("id") String id, @Context UriInfo uri) {
        UUID eventId = QueryParameters.parseUuid("id", id);
        QueryParameters.of(uri.getQueryParameters(), Set.of());
        return invalidEvents
                .find(eventId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("no invalid event " + eventId)));
    }
}
