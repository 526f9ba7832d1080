package io.theeye.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.theeye.query.admin.EventTypeAdminService;
import io.theeye.query.admin.EventTypeView;
import io.theeye.query.admin.SchemaRegistration;
import io.theeye.service.problem.ProblemException;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
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
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EventTypeList.class),
                            examples = @ExampleObject(name = "seed types", value = ApiExamples.EVENT_TYPES)))
    @APIResponse(
            responseCode = "403",
            description = "The token is not an admin's",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    public Uni<EventTypeList> list(@Context UriInfo uri) {
        QueryParameters.of(uri.getQueryParameters(), Set.of());
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
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EventTypeView.class),
                            examples = @ExampleObject(name = "pageview", value = ApiExamples.EVENT_TYPE)))
    @APIResponse(
            responseCode = "404",
            description = "No such type",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    public Uni<EventTypeView> show(
            @PathParam("category") String category, @PathParam("name") String name, @Context UriInfo uri) {
        QueryParameters.of(uri.getQueryParameters(), Set.of());
        return eventTypes.show(typePart("category", category), typePart("name", name));
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
            in = ParameterIn.QUERY,
            description = "register even if incompatible (the answer lists what was forced past)",
            example = "false",
            schema = @Schema(enumeration = {"true", "false"}))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "pageview v2", value = ApiExamples.SCHEMA_REQUEST)))
    @APIResponse(
            responseCode = "201",
            description = "The new version",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SchemaRegistration.class),
                            examples = @ExampleObject(name = "compatible", value = ApiExamples.SCHEMA_REGISTERED)))
    @APIResponse(
            responseCode = "200",
            description = "The schema equals the current version's: nothing registered",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SchemaRegistration.class),
                            examples = @ExampleObject(name = "unchanged", value = ApiExamples.SCHEMA_UNCHANGED)))
    @APIResponse(
            responseCode = "400",
            description = "Not a usable JSON Schema; errors lists each problem with its JSON Pointer",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "invalid schema", value = ApiExamples.SCHEMA_INVALID)))
    @APIResponse(
            responseCode = "409",
            description = "Incompatible with the current version and not forced; errors lists why",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "incompatible", value = ApiExamples.SCHEMA_INCOMPATIBLE)))
    public Uni<Response> register(
            @PathParam("category") String category,
            @PathParam("name") String name,
            JsonNode body,
            @Context UriInfo uri) {
        QueryParameters params = QueryParameters.of(uri.getQueryParameters(), Set.of("force"));
        boolean force = params.bool("force", false);
        String typeCategory = typePart("category", category);
        String typeName = typePart("name", name);
        JsonNode schema = BodyFields.of(body, Set.of("schema"))
                .object("schema", "must be a JSON object: the JSON Schema for the event's data");
        return eventTypes
                .register(typeCategory, typeName, schema, force)
                .map(registration -> Response.status(registration.created() ? 201 : 200)
                        .entity(registration)
                        .build());
    }

    /** Category and name follow the event contract: non-empty, at most 255 characters. */
    private static String typePart(String parameter, String value) {
        if (value == null || value.isBlank() || value.length() > 255 || value.indexOf('\u0000') >= 0) {
            throw ProblemException.invalidParameter(parameter, "must be a non-empty string of at most 255 characters");
        }
        return value;
    }
}
