package io.theeye.processor.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.theeye.processor.replay.InvalidEventReplay;
import io.theeye.processor.replay.ReplayReport;
import io.theeye.processor.replay.ReplayRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Admin: re-validate recorded invalid events against today's registry (dry run by default). */
@Path("/v1/admin/replay")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
public class ReplayResource {

    private final InvalidEventReplay replay;

    ReplayResource(InvalidEventReplay replay) {
        this.replay = replay;
    }

    @POST
    @Operation(
            summary = "Replay invalid events",
            description =
                    "Filters: code, category, name, application, from, to (received time), limit (at most 10,000)."
                            + " dry_run defaults to true; with false the now-valid events are stored once and marked replayed.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "schema fixed",
                                            value =
                                                    "{\"code\": \"schema_violation\", \"category\": \"page interaction\", \"name\": \"pageview\", \"dry_run\": false}")))
    @APIResponse(
            responseCode = "200",
            description = "What was (or would be) replayed",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "report",
                                            value =
                                                    "{\"dry_run\": false, \"examined\": 2, \"now_valid\": 1, \"still_invalid\": 1,"
                                                            + " \"now_valid_samples\": [\"0192e7a0-7c4e-7b1a-9f3e-2d6c1b0a9e11\"],"
                                                            + " \"still_invalid_samples\": [{\"event_id\": \"0192e7a0-7c4e-7b1a-9f3e-2d6c1b0a9e12\","
                                                            + " \"errors\": [{\"code\": \"invalid_timestamp\", \"path\": \"/timestamp\", \"message\": \"...\"}]}]}")))
    @APIResponse(responseCode = "400", description = "A field breaks its rule; the answer names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The token is not an admin's")
    public Uni<ReplayReport> replay(JsonNode body) {
        return replay.replay(ReplayRequest.parse(body));
    }
}
