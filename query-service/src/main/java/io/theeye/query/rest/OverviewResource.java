package io.theeye.query.rest;

import io.smallrye.mutiny.Uni;
import io.theeye.query.service.Overview;
import io.theeye.query.service.OverviewService;
import io.theeye.service.input.StrictParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The pipeline's health at a glance: what the console's landing view shows. */
@Path("/v1/overview")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"analyst", "admin"})
@SecurityRequirement(name = "jwt")
public class OverviewResource {

    private final OverviewService overview;

    OverviewResource(OverviewService overview) {
        this.overview = overview;
    }

    @GET
    @Operation(
            summary = "The pipeline at a glance",
            description = "On the arrival clock (when events reached ingest), from the processor's per-minute "
                    + "counts: events accepted per minute over the last hour and per hour over the last 24 hours "
                    + "(both ending with the current minute), each application's invalid share over the last hour, "
                    + "the hour before and the day with its share per hour, the minute of its latest event, and "
                    + "the data-quality incidents open now or resolved within the day. Takes no parameters.")
    @APIResponse(
            responseCode = "200",
            description = "The overview",
            content =
                    @Content(
                            schema = @Schema(implementation = Overview.class),
                            examples = @ExampleObject(name = "one application", value = ApiExamples.OVERVIEW)))
    public Uni<Overview> overview(@Context UriInfo uri) {
        StrictParameters.of(uri);
        return overview.overview();
    }
}
