package io.theeye.query.rest;

import static org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.QUERY;

import io.smallrye.mutiny.Uni;
import io.theeye.contract.Problem;
import io.theeye.query.admin.EventTypeAdminService;
import io.theeye.query.admin.EventTypeView;
import io.theeye.query.admin.SchemaRegistration;
import io.theeye.service.input.StrictParameters;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Admin of the event-type registry: list types, show one, register a new schema version. */
@Path("/v1/admin/event-types")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
public class EventTypeAdminResource {

    private final EventTypeAdminService eventTypes;

    EventTypeAdminResource(EventTypeAdminService eventTypes) {
        this.eventTypes = eventTypes;
    }

    @GET
    @Operation(
            summary = "List event types",
            description = "Every type by category and name, with its versions (newest first, without schemas) "
                    + "and current_version: the one the processor validates against.")
    @APIResponse(
            responseCode = "200",
            description = "The registered types",
            content =
                    @Content(
                            schema = @Schema(implementation = EventTypeList.class),
                            examples = @ExampleObject(name = "seed types", value = ApiExamples.EVENT_TYPES)))
    public Uni<EventTypeList> list(@Context UriInfo uri) {
        StrictParameters.of(uri);
        return eventTypes.list().map(EventTypeList::new);
    }

    @GET
    @Path("/{category}/{name}")
    @Operation(summary = "Show an event type", description = "Every version, newest first, with its schema.")
    @Parameter(name = "category", description = "the type's category (URL-encoded)", example = "page interaction")
    @Parameter(name = "name", description = "the type's name (URL-encoded)", example = "pageview")
    @APIResponse(
            responseCode = "200",
            description = "The type",
            content =
                    @Content(
                            schema = @Schema(implementation = EventTypeView.class),
                            examples = @ExampleObject(name = "pageview", value = ApiExamples.EVENT_TYPE)))
    @APIResponse(responseCode = "404", ref = "notFound")
    public Uni<EventTypeView> show(
            @PathParam("category") String category, @PathParam("name") String name, @Context UriInfo uri) {
        StrictParameters.of(uri);
        return eventTypes.show(StrictParameters.text("category", category), StrictParameters.text("name", name));
    }

    @POST
    @Path("/{category}/{name}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register a schema version",
            description = "Body: {\"schema\": <JSON Schema draft 2020-12 for the event's data, type object>}. "
                    + "The schema is checked against the 2020-12 meta-schema and compiled as the processor "
                    + "compiles it (no remote references). It becomes version current+1 (1 for a new type) "
                    + "and the processor validates with it within its refresh (5 s). A version that could "
                    + "refuse events the current version accepts is refused with 409 listing each reason "
                    + "(required_added, property_removed, type_changed, enum_narrowed, "
                    + "additional_properties_restricted, constraint_tightened, unverifiable_change) unless "
                    + "force=true. The same schema as the current version registers nothing (200).")
    @Parameter(name = "category", description = "the type's category (URL-encoded)", example = "page interaction")
    @Parameter(name = "name", description = "the type's name (URL-encoded)", example = "pageview")
    @Parameter(
            name = "force",
            in = QUERY,
            description = "register even if incompatible (the answer lists what was forced past)",
            example = "false")
    @RequestBody(
            required = true,
            content = @Content(examples = @ExampleObject(name = "pageview v2", value = ApiExamples.SCHEMA_REQUEST)))
    @APIResponse(
            responseCode = "201",
            description = "The new version",
            content =
                    @Content(
                            schema = @Schema(implementation = SchemaRegistration.class),
                            examples = @ExampleObject(name = "compatible", value = ApiExamples.SCHEMA_REGISTERED)))
    @APIResponse(
            responseCode = "200",
            description = "The schema equals the current version's: nothing registered",
            content =
                    @Content(
                            schema = @Schema(implementation = SchemaRegistration.class),
                            examples = @ExampleObject(name = "unchanged", value = ApiExamples.SCHEMA_UNCHANGED)))
    @APIResponse(
            responseCode = "400",
            description = "Not a usable JSON Schema; errors lists each problem with its JSON Pointer",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "invalid schema", value = ApiExamples.SCHEMA_INVALID)))
    @APIResponse(
            responseCode = "409",
            description = "Incompatible with the current version and not forced; errors lists why",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "incompatible", value = ApiExamples.SCHEMA_INCOMPATIBLE)))
    public Uni<Response> register(
            @PathParam("category") String category,
            @PathParam("name") String name,
            @NotNull(message = "must be a JSON object with the field schema") NewSchemaVersion body,
            @Context UriInfo uri) {
        boolean force = StrictParameters.of(uri, "force").bool("force", false);
        String typeCategory = StrictParameters.text("category", category);
        String typeName = StrictParameters.text("name", name);
        return eventTypes
                .register(typeCategory, typeName, body.requireObject(), force)
                .map(registration -> Response.status(registration.created() ? 201 : 200)
                        .entity(registration)
                        .build());
    }
}
