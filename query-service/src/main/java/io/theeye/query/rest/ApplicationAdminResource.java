package io.theeye.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.theeye.query.admin.ApplicationAdminService;
import io.theeye.query.admin.ApplicationView;
import io.theeye.query.admin.IssuedKey;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Admin of the applications that may send events: register, list, show, disable, rotate the key. */
@Path("/v1/admin/applications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
public class ApplicationAdminResource {

    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}";
    static final String NAME_RULE =
            "must be 1 to 100 characters: letters, digits, space, '.', '_' or '-', starting with a letter or digit";

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
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "register", value = "{\"name\": \"demo-shop\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Registered; Location names the application",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = IssuedKey.class),
                            examples = @ExampleObject(name = "registered", value = ApiExamples.REGISTERED)))
    @APIResponse(
            responseCode = "400",
            description = "The body is not an object with a valid name",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "bad name", value = ApiExamples.NAME_PROBLEM)))
    @APIResponse(
            responseCode = "403",
            description = "The token is not an admin's",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    @APIResponse(
            responseCode = "409",
            description = "The name is taken",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "taken", value = ApiExamples.NAME_TAKEN)))
    public Uni<Response> register(JsonNode body, @Context UriInfo uri) {
        QueryParameters.of(uri.getQueryParameters(), Set.of());
        String name = BodyFields.of(body, Set.of("name")).text("name", NAME_PATTERN, NAME_RULE);
        return applications
                .register(name)
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
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApplicationList.class),
                            examples = @ExampleObject(name = "one application", value = ApiExamples.APPLICATIONS)))
    @APIResponse(
            responseCode = "403",
            description = "The token is not an admin's",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    public Uni<ApplicationList> list(@Context UriInfo uri) {
        QueryParameters.of(uri.getQueryParameters(), Set.of());
        return applications.list().map(ApplicationList::new);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Show an application", description = "The application and its keys' prefixes.")
    @Parameter(name = "id", description = "the application id", example = "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70")
    @APIResponse(
            responseCode = "200",
            description = "The application",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApplicationView.class),
                            examples = @ExampleObject(name = "application", value = ApiExamples.APPLICATION)))
    @APIResponse(
            responseCode = "404",
            description = "No application has this id",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    public Uni<ApplicationView> show(@PathParam("id") String id, @Context UriInfo uri) {
        UUID applicationId = QueryParameters.parseUuid("id", id);
        QueryParameters.of(uri.getQueryParameters(), Set.of());
        return applications.show(applicationId);
    }

    @POST
    @Path("/{id}/disable")
    @Operation(
            summary = "Disable an application",
            description = "Its keys stop working at ingest within the key refresh (5 s). Idempotent: disabling "
                    + "again keeps the first time. Nothing is deleted; its events stay.")
    @Parameter(name = "id", description = "the application id", example = "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70")
    @APIResponse(
            responseCode = "200",
            description = "The application, disabled",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApplicationView.class),
                            examples = @ExampleObject(name = "disabled", value = ApiExamples.DISABLED)))
    @APIResponse(
            responseCode = "404",
            description = "No application has this id",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    public Uni<ApplicationView> disable(@PathParam("id") String id, @Context UriInfo uri) {
        UUID applicationId = QueryParameters.parseUuid("id", id);
        QueryParameters.of(uri.getQueryParameters(), Set.of());
        return applications.disable(applicationId);
    }

    @POST
    @Path("/{id}/keys")
    @Operation(
            summary = "Rotate the application's key",
            description = "Makes a new key, shown in this answer only. The application's earlier keys keep "
                    + "working until previous_keys_expire_at (the configured overlap, 24 h by default), so "
                    + "clients can switch without losing events.")
    @Parameter(name = "id", description = "the application id", example = "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70")
    @APIResponse(
            responseCode = "201",
            description = "The new key",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = IssuedKey.class),
                            examples = @ExampleObject(name = "rotated", value = ApiExamples.ROTATED)))
    @APIResponse(
            responseCode = "404",
            description = "No application has this id",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(
            responseCode = "409",
            description = "The application is disabled",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "disabled", value = ApiExamples.DISABLED_CONFLICT)))
    public Uni<Response> rotateKey(@PathParam("id") String id, @Context UriInfo uri) {
        UUID applicationId = QueryParameters.parseUuid("id", id);
        QueryParameters.of(uri.getQueryParameters(), Set.of());
        return applications
                .rotateKey(applicationId)
                .map(issued ->
                        Response.status(Response.Status.CREATED).entity(issued).build());
    }
}
