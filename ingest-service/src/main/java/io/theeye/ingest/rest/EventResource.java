package io.theeye.ingest.rest;

import io.smallrye.mutiny.Uni;
import io.theeye.ingest.intake.IngestService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    private final IngestService ingest;

    EventResource(IngestService ingest) {
        this.ingest = ingest;
    }

    @POST
    @Path("/events")
    @Operation(summary = "Send one event", description = "Answers 202 once Kafka acknowledged the event.")
    @RequestBody(description = "One event; event_id and sent_at are optional")
    @APIResponse(responseCode = "202", description = "Accepted: the event will be validated and stored")
    @APIResponse(responseCode = "400", description = "Malformed JSON, or not a JSON object")
    @APIResponse(responseCode = "401", description = "Missing, unknown or disabled application key")
    @APIResponse(responseCode = "413", description = "Event or request above its size limit")
    @APIResponse(responseCode = "415", description = "Content type is not application/json")
    @APIResponse(responseCode = "429", description = "The application's rate limit is reached")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; retry after Retry-After")
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
    @APIResponse(responseCode = "202", description = "At least one event accepted; per-item results")
    @APIResponse(responseCode = "400", description = "Malformed body, or no item could be accepted")
    @APIResponse(responseCode = "401", description = "Missing, unknown or disabled application key")
    @APIResponse(responseCode = "413", description = "Too many events or too many bytes")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; retry after Retry-After")
    public Uni<RestResponse<BatchResponse>> postBatch(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return ingest.acceptBatch(authorization, body)
                .map(BatchResponse::of)
                .map(response -> response.accepted() > 0
                        ? RestResponse.accepted(response)
                        : RestResponse.status(RestResponse.Status.BAD_REQUEST, response));
    }
}
