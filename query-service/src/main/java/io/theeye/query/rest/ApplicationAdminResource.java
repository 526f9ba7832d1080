package io.theeye.query.rest;

import io.smallrye.mutiny.Uni;
import io.theeye.contract.Problem;
import io.theeye.query.admin.ApplicationAdminService;
import io.theeye.query.admin.ApplicationView;
import io.theeye.query.admin.IssuedKey;
import io.theeye.service.input.StrictParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Admin of the applications that may send events: register, list, show, disable, rotate the key. */
@Path("/v1/admin/applications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
public class ApplicationAdminResource {

    private final ApplicationAdminService applications;

    ApplicationAdminResource(ApplicationAdminService applications) {
        this.applications = applications;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register an application",
            description = "Creates the application and its first key. The key is in this answer and nowhere "
                    + "else, ever: only its SHA-256 is stored. Ingest accepts it within its key refresh (5 s).")
    @RequestBody(
            required = true,
            content = @Content(examples = @ExampleObject(name = "register", value = "{\"name\": \"demo-shop\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Registered; Location names the application",
            content =
                    @Content(
                            schema = @Schema(implementation = IssuedKey.class),
                            examples = @ExampleObject(name = "registered", value = ApiExamples.REGISTERED)))
    @APIResponse(
            responseCode = "400",
            description = "The body is not an object with a valid name",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "bad name", value = ApiExamples.NAME_PROBLEM)))
    @APIResponse(
            responseCode = "409",
            description = "The name is taken",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "taken", value = ApiExamples.NAME_TAKEN)))
    public Uni<Response> register(
            @NotNull(message = "must be a JSON object with the field name") @Valid NewApplication body,
            @Context UriInfo uri) {
        StrictParameters.of(uri);
        return applications
                .register(body.name())
                .map(issued -> Response.created(uri.getAbsolutePathBuilder()
                                .path(issued.applicationId().toString())
                                .build())
                        .entity(issued)
                        .build());
    }

    @GET
    @Operation(summary = "List applications", description = "Every application by name, with its keys' prefixes.")
    @APIResponse(
            responseCode = "200",
            description = "The applications",
            content =
                    @Content(
                            schema = @Schema(implementation = ApplicationList.class),
                            examples = @ExampleObject(name = "one application", value = ApiExamples.APPLICATIONS)))
    public Uni<ApplicationList> list(@Context UriInfo uri) {
        StrictParameters.of(uri);
        return applications.list().map(ApplicationList::new);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Show an application", description = "The application and its keys' prefixes.")
    @APIResponse(
            responseCode = "200",
            description = "The application",
            content =
                    @Content(
                            schema = @Schema(implementation = ApplicationView.class),
                            examples = @ExampleObject(name = "application", value = ApiExamples.APPLICATION)))
    @Parameter(name = "id", description = "the application id", example = "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70")
    @APIResponse(responseCode = "404", ref = "notFound")
    public Uni<ApplicationView> show(@PathParam("id") String id, @Context UriInfo uri) {
        UUID applicationId = StrictParameters.uuid("id", id);
        StrictParameters.of(uri);
        return applications.show(applicationId);
    }

    @POST
    @Path("/{id}/disable")
    @Operation(
            summary = "Disable an application",
            description = "Its keys stop working at ingest within the key refresh (5 s). Idempotent: disabling "
                    + "again keeps the first time. Nothing is deleted; its events stay.")
    @APIResponse(
            responseCode = "200",
            description = "The application, disabled",
            content =
                    @Content(
                            schema = @Schema(implementation = ApplicationView.class),
                            examples = @ExampleObject(name = "disabled", value = ApiExamples.DISABLED)))
    @Parameter(name = "id", description = "the application id", example = "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70")
    @APIResponse(responseCode = "404", ref = "notFound")
    public Uni<ApplicationView> disable(@PathParam("id") String id, @Context UriInfo uri) {
        UUID applicationId = StrictParameters.uuid("id", id);
        StrictParameters.of(uri);
        return applications.disable(applicationId);
    }

    @POST
    @Path("/{id}/keys")
    @Operation(
            summary = "Rotate the application's key",
            description = "Makes a new key, shown in this answer only. The application's earlier keys keep "
                    + "working until previous_keys_expire_at (the configured overlap, 24 h by default), so "
                    + "clients can switch without losing events.")
    @APIResponse(
            responseCode = "201",
            description = "The new key",
            content =
                    @Content(
                            schema = @Schema(implementation = IssuedKey.class),
                            examples = @ExampleObject(name = "rotated", value = ApiExamples.ROTATED)))
    @Parameter(name = "id", description = "the application id", example = "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70")
    @APIResponse(responseCode = "404", ref = "notFound")
    @APIResponse(
            responseCode = "409",
            description = "The application is disabled",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "disabled", value = ApiExamples.DISABLED_CONFLICT)))
    @ResponseStatus(201)
    public Uni<IssuedKey> rotateKey(@PathParam("id") String id, @Context UriInfo uri) {
        UUID applicationId = StrictParameters.uuid("id", id);
        StrictParameters.of(uri);
        return applications.rotateKey(applicationId);
    }
}
