package io.theeye.processor.rest;

import io.theeye.processor.auth.ApplicationKeyMechanism;
import io.theeye.processor.validation.DryRun;
import io.theeye.processor.validation.DryRun.DryRunResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Dry run: validates events exactly as the pipeline would and stores nothing. */
@Path("/v1/validate")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApplicationKeyMechanism.ROLE, "analyst", "admin"})
@SecurityRequirement(name = "jwt")
public class ValidationResource {

    private final DryRun dryRun;

    ValidationResource(DryRun dryRun) {
        this.dryRun = dryRun;
    }

    @POST
    @Operation(
            summary = "Validate events without storing them",
            description = "Body: one event, or {\"events\": [...]}, within ingest's limits (500 events, 512 KB,"
                    + " 32 KB an event). Returns every error of every event. Takes an application key"
                    + " (Authorization: Bearer eye_...) or an analyst's or admin's token.")
    @APIResponse(responseCode = "200", description = "One result per event, in order")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "401", description = "No application key or token, or an unknown one")
    @APIResponse(responseCode = "413", description = "Over ingest's limits; the answer names the limit")
    public DryRunResult validate(byte[] body) {
        return dryRun.validate(body);
    }
}
