package io.theeye.ingest.rest;

import io.smallrye.mutiny.Uni;
import io.theeye.contract.Problem;
import io.theeye.ingest.intake.IngestService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestResponse;

/** The door events come in through: one event or a batch, answered once Kafka holds them. */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "applicationKey")
public class EventResource {

    // Examples shown in the OpenAPI document, one per answer.
    static final String ACCEPTED = "{\"event_id\": \"0192e7a0-7c4e-7b1a-9f3e-2d6c1b0a9e11\", \"status\": \"accepted\"}";
    static final String BATCH =
            "{\"accepted\": 1, \"rejected\": 1, \"results\": [{\"index\": 0, \"status\": \"accepted\", \"event_id\": \"0192e7a0-7c4e-7b1a-9f3e-2d6c1b0a9e11\"}, {\"index\": 1, \"status\": \"rejected\", \"error\": {\"code\": \"malformed\", \"path\": \"\", \"message\": \"an event must be a JSON object, got a number\"}}]}";
    static final String MALFORMED =
            "{\"type\": \"https://theeye.io/problems/malformed\", \"title\": \"Malformed request body\", \"status\": 400, \"detail\": \"invalid JSON at line 5, column 52: Unexpected character ('}' (code 125)): was expecting double-quote to start field name\", \"code\": \"malformed\"}";
    static final String UNAUTHORIZED =
            "{\"type\": \"https://theeye.io/problems/unauthorized\", \"title\": \"Unknown application\", \"status\": 401, \"detail\": \"the application key is unknown, disabled or expired\", \"code\": \"unauthorized\"}";
    static final String TOO_LARGE =
            "{\"type\": \"https://theeye.io/problems/too_large\", \"title\": \"Request too large\", \"status\": 413, \"detail\": \"an event may be at most 32768 bytes; this one is 40960\", \"code\": \"too_large\"}";
    static final String UNSUPPORTED =
            "{\"type\": \"https://theeye.io/problems/unsupported_media_type\", \"title\": \"Unsupported Media Type\", \"status\": 415, \"detail\": \"send the body as application/json\", \"code\": \"unsupported_media_type\"}";
    static final String RATE =
            "{\"type\": \"https://theeye.io/problems/rate_limited\", \"title\": \"Too many events\", \"status\": 429, \"detail\": \"this application's event rate limit is reached\", \"code\": \"rate_limited\"}";
    static final String UNAVAILABLE =
            "{\"type\": \"https://theeye.io/problems/unavailable\", \"title\": \"Event log unavailable\", \"status\": 503, \"detail\": \"Kafka did not acknowledge within 2000 ms; retry the request with the event_ids listed in events: an event retried with its id is stored once\", \"code\": \"unavailable\", \"events\": [{\"index\": 0, \"event_id\": \"0192e7a0-7c4e-7b1a-9f3e-2d6c1b0a9e11\"}]}";

    private final IngestService ingest;

    EventResource(IngestService ingest) {
        this.ingest = ingest;
    }

    @POST
    @Path("/events")
    @Operation(summary = "Send one event", description = "Answers 202 once Kafka acknowledged the event.")
    @RequestBody(description = "One event; event_id and sent_at are optional")
    @APIResponse(
            responseCode = "202",
            description = "Accepted: the event will be validated and stored",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "accepted", value = ACCEPTED)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed JSON, or not a JSON object",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "malformed", value = MALFORMED)))
    @APIResponse(
            responseCode = "401",
            description = "Missing, unknown or disabled application key",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(
            responseCode = "413",
            description = "Event or request above its size limit",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "too_large", value = TOO_LARGE)))
    @APIResponse(
            responseCode = "415",
            description = "Content type is not application/json",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "unsupported", value = UNSUPPORTED)))
    @APIResponse(
            responseCode = "429",
            description = "The application's rate limit is reached",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "rate", value = RATE)))
    @APIResponse(
            responseCode = "503",
            description =
                    "Kafka did not acknowledge in time; retry after Retry-After with the event_ids the answer lists",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "unavailable", value = UNAVAILABLE)))
    public Uni<RestResponse<AcceptedEvent>> postEvent(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return ingest.acceptOne(authorization, body).map(id -> RestResponse.accepted(new AcceptedEvent(id)));
    }

    @POST
    @Path("/batch")
    @Operation(
            summary = "Send a batch of events",
            description =
                    "Each item is accepted or rejected on its own; 202 once Kafka acknowledged the accepted ones.")
    @RequestBody(description = "{\"events\": [...]}, at most 500 events and 512 KB")
    @APIResponse(
            responseCode = "202",
            description = "At least one event accepted; per-item results",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "batch", value = BATCH)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed body, or no item could be accepted",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "malformed", value = MALFORMED)))
    @APIResponse(
            responseCode = "401",
            description = "Missing, unknown or disabled application key",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "unauthorized", value = UNAUTHORIZED)))
    @APIResponse(
            responseCode = "413",
            description = "Too many events or too many bytes",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "too_large", value = TOO_LARGE)))
    @APIResponse(
            responseCode = "503",
            description =
                    "Kafka did not acknowledge in time; retry after Retry-After with the event_ids the answer lists",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "unavailable", value = UNAVAILABLE)))
    public Uni<RestResponse<BatchResponse>> postBatch(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return ingest.acceptBatch(authorization, body)
                .map(BatchResponse::of)
                .map(response -> response.accepted() > 0
                        ? RestResponse.accepted(response)
                        : RestResponse.status(RestResponse.Status.BAD_REQUEST, response));
    }
}
