package io.theeye.processor.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.processor.validation.DryRun;
import io.theeye.processor.validation.DryRun.DryRunResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Dry run: validates events exactly as the pipeline would and stores nothing. */
@Path("/v1/validate")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ValidationResource {

    private final DryRun dryRun;

    ValidationResource(DryRun dryRun) {
        this.dryRun = dryRun;
    }

    @POST
    @Operation(
            summary = "Validate events without storing them",
            description = "Body: one event, or {\"events\": [...]}. Returns every error of every event.")
    @APIResponse(responseCode = "200", description = "One result per event, in order")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    public DryRunResult validate(JsonNode body) {
        return dryRun.validate(body);
    }
}
