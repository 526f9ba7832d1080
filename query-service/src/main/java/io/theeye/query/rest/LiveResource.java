package io.theeye.query.rest;

import static org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.HEADER;
import static org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.QUERY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.theeye.contract.ErrorCode;
import io.theeye.contract.Problem;
import io.theeye.query.service.LiveEvent;
import io.theeye.query.service.LiveFilter;
import io.theeye.query.service.LiveHub;
import io.theeye.query.service.LiveMessage;
import io.theeye.service.input.StrictParameters;
import io.theeye.service.problem.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The decided events as they are decided: Server-Sent Events from this instance's one consumer of
 * the valid and invalid topics, filtered per viewer. For the console's Live tab and for scripts.
 */
@Path("/v1")
@RolesAllowed({"analyst", "admin"})
@SecurityRequirement(name = "jwt")
public class LiveResource {

    /** How long a browser's EventSource waits before it reconnects (the console reconnects itself). */
    private static final long RECONNECT_MILLIS = 3_000;

    private final LiveHub hub;
    private final ObjectMapper mapper;

    LiveResource(LiveHub hub, ObjectMapper mapper) {
        this.hub = hub;
        this.mapper = mapper;
    }

    @GET
    @Path("/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            summary = "Tail decided events",
            description = "Server-Sent Events: each valid or invalid event as the processor decides it, from the"
                    + " moment of connecting (event name valid or invalid, id topic:partition:offset, data the"
                    + " topic's record). First a status event, a comment every 15 s when nothing happens, and a"
                    + " dropped event before the server ends a stream that fell too far behind. Filters combine"
                    + " with AND; code matches invalid events only. Reconnect with Last-Event-ID to continue"
                    + " after the last event received while this server still holds it (status says resumed).")
    @Parameter(name = "application", in = QUERY, description = "only this application (id)")
    @Parameter(name = "category", in = QUERY, description = "only this category", example = "page interaction")
    @Parameter(name = "name", in = QUERY, description = "only this event name", example = "pageview")
    @Parameter(name = "code", in = QUERY, description = "only invalid events with this error code")
    @Parameter(name = "kind", in = QUERY, description = "only valid or only invalid events")
    @Parameter(
            name = "Last-Event-ID",
            in = HEADER,
            description = "the id of the last event received, to continue after it",
            example = "eye.events.valid:4:1234")
    @APIResponse(
            responseCode = "200",
            description = "The stream (text/event-stream), open until the client leaves",
            content =
                    @Content(
                            mediaType = MediaType.SERVER_SENT_EVENTS,
                            examples = @ExampleObject(name = "a stream", value = ApiExamples.LIVE_STREAM)))
    @APIResponse(
            responseCode = "400",
            description = "A filter breaks its rule; the answer names it",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "not a UUID", value = ApiExamples.UUID_PROBLEM)))
    @APIResponse(
            responseCode = "503",
            description = "This instance streams to its maximum of viewers (Retry-After), or the live view is off",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "full", value = ApiExamples.LIVE_FULL)))
    public Multi<OutboundSseEvent> live(
            @Context UriInfo uri,
            @Context Sse sse,
            @Context HttpServerResponse response,
            @HeaderParam("Last-Event-ID") String lastEventId) {
        LiveFilter filter = filter(StrictParameters.of(uri, "application", "category", "name", "code", "kind"));
        io.vertx.core.Context context = Vertx.currentContext();
        Executor executor = context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
        String resumeAfter = lastEventId == null || lastEventId.isBlank() ? null : lastEventId.strip();
        return hub.open(filter, resumeAfter, executor, response::close)
                .messages()
                .map(message -> toSse(sse, message));
    }

    private static LiveFilter filter(StrictParameters params) {
        String code = params.text("code");
        ErrorCode errorCode = null;
        if (code != null) {
            errorCode = ErrorCode.fromWire(code);
            if (errorCode == null) {
                throw ProblemException.invalidParameter(
                        "code",
                        "must be one of: "
                                + String.join(
                                        ", ",
                                        Arrays.stream(ErrorCode.values())
                                                .map(ErrorCode::wire)
                                                .toList()));
            }
        }
        String kindWord = params.choice("kind", List.of("valid", "invalid"), null);
        LiveEvent.Kind kind =
                kindWord == null ? null : LiveEvent.Kind.valueOf(kindWord.toUpperCase(java.util.Locale.ROOT));
        if (errorCode != null && kind == LiveEvent.Kind.VALID) {
            throw ProblemException.invalidParameter("code", "matches invalid events only: leave out kind=valid");
        }
        return new LiveFilter(
                params.uuid("application"), params.text("category"), params.text("name"), errorCode, kind);
    }

    private OutboundSseEvent toSse(Sse sse, LiveMessage message) {
        if (message instanceof LiveMessage.Event e) {
            return sse.newEventBuilder()
                    .id(e.event().id())
                    .name(e.event().kind().wire())
                    .data(String.class, e.event().json())
                    .build();
        }
        if (message instanceof LiveMessage.Opened o) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("resumed", o.resumed());
            status.put("viewers", o.viewers());
            status.put("max_viewers", o.maxViewers());
            return sse.newEventBuilder()
                    .name("status")
                    .reconnectDelay(RECONNECT_MILLIS)
                    .data(String.class, json(status))
                    .build();
        }
        if (message instanceof LiveMessage.Dropped d) {
            Map<String, Object> dropped = new LinkedHashMap<>();
            dropped.put("reason", d.reason());
            dropped.put("detail", d.detail());
            return sse.newEventBuilder()
                    .name("dropped")
                    .data(String.class, json(dropped))
                    .build();
        }
        return sse.newEventBuilder().comment("heartbeat").build();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
