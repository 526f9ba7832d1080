package io.theeye.processor.rest;

import io.theeye.processor.messaging.BacklogReport;
import io.theeye.processor.messaging.ConsumerBacklog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** How far behind this replica is, per raw-topic partition it holds: what the console's overview shows. */
@Path("/v1/backlog")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"analyst", "admin"})
@SecurityRequirement(name = "jwt")
public class BacklogResource {

    private final ConsumerBacklog backlog;

    BacklogResource(ConsumerBacklog backlog) {
        this.backlog = backlog;
    }

    @GET
    @Operation(
            summary = "Backlog per raw-topic partition",
            description = "For each partition this replica's consumers hold: the consumer's lag (records not yet"
                    + " fetched, as of its last fetch), the age of the oldest record of the batch being processed"
                    + " and how long that batch has been retrying. With several replicas each answers for its own"
                    + " partitions only. Takes an analyst's or admin's token (not an application key).")
    @APIResponse(
            responseCode = "200",
            description = "The partitions this replica holds",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "one partition behind",
                                            value = "{\"replica\": \"processor-service-7d9f8-x2k4q\", \"consumers\": 3,"
                                                    + " \"measured_at\": \"2021-01-01T10:15:02.113Z\", \"partitions\": ["
                                                    + "{\"partition\": 0, \"lag\": 0, \"oldest_unprocessed_age_seconds\": 0.0,"
                                                    + " \"retrying_seconds\": 0.0},"
                                                    + " {\"partition\": 1, \"lag\": 4210, \"oldest_unprocessed_age_seconds\": 38.5,"
                                                    + " \"retrying_seconds\": 12.0}]}")))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Neither an analyst's nor an admin's token")
    public BacklogReport backlog() {
        return backlog.report();
    }
}
