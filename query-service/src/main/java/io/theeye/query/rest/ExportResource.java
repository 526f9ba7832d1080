package io.theeye.query.rest;

import static org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.QUERY;

import io.smallrye.mutiny.Multi;
import io.theeye.contract.Problem;
import io.theeye.query.service.ExportFormat;
import io.theeye.query.service.ExportService;
import io.theeye.service.input.StrictParameters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * Streams stored events of a time range as NDJSON or CSV, straight from PostgreSQL: as much as the
 * client reads, never the whole answer in memory; gzip when the client asks (Accept-Encoding).
 */
@Path("/v1")
@RolesAllowed({"analyst", "admin"})
@SecurityRequirement(name = "jwt")
public class ExportResource {

    private final ExportService exports;

    ExportResource(ExportService exports) {
        this.exports = exports;
    }

    @GET
    @Path("/export")
    @Operation(
            summary = "Export events",
            description = "Every event of [from, to) that matches the filters, ordered by time, then arrival,"
                    + " streamed: NDJSON (one event a line, as /v1/events has them) or CSV (format=csv, or"
                    + " Accept: text/csv). At most 31 days per request; compressed with gzip when the request"
                    + " accepts it. An export cut short by a failure ends without HTTP's final chunk, so"
                    + " clients see it as incomplete.")
    @Parameter(
            name = "from",
            in = QUERY,
            required = true,
            description = "inclusive start",
            example = "2021-01-01T00:00:00Z")
    @Parameter(
            name = "to",
            in = QUERY,
            required = true,
            description = "exclusive end",
            example = "2021-01-02T00:00:00Z")
    @Parameter(name = "application", in = QUERY, description = "only this application (id)")
    @Parameter(name = "category", in = QUERY, description = "only this category", example = "page interaction")
    @Parameter(name = "name", in = QUERY, description = "only this event name", example = "pageview")
    @Parameter(name = "format", in = QUERY, description = "ndjson (default) or csv")
    @APIResponse(
            responseCode = "200",
            description = "The events, streamed",
            content = {
                @Content(
                        mediaType = "application/x-ndjson",
                        examples = @ExampleObject(name = "NDJSON", value = ApiExamples.EXPORT_NDJSON)),
                @Content(
                        mediaType = "text/csv",
                        examples = @ExampleObject(name = "CSV", value = ApiExamples.EXPORT_CSV))
            })
    @APIResponse(
            responseCode = "400",
            description = "No range, a range over 31 days, or a parameter that breaks its rule",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "too long", value = ApiExamples.EXPORT_RANGE_PROBLEM)))
    @APIResponse(
            responseCode = "503",
            description = "This instance streams its maximum of exports (Retry-After)",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples = @ExampleObject(name = "busy", value = ApiExamples.EXPORTS_BUSY)))
    public RestMulti<byte[]> export(
            @Context UriInfo uri, @HeaderParam("Accept") String accept, @Context HttpServerResponse response) {
        StrictParameters params = StrictParameters.of(uri, "from", "to", "application", "category", "name", "format");
        String word = params.choice("format", ExportFormat.wires(), null);
        ExportFormat format = word != null
                ? ExportFormat.of(word)
                : accept != null && accept.contains("text/csv") ? ExportFormat.CSV : ExportFormat.NDJSON;
        Instant from = params.time("from");
        Instant to = params.time("to");
        Multi<byte[]> body = exports.export(
                from, to, params.uuid("application"), params.text("category"), params.text("name"), format);
        // HTTP compression is on for exports only: every answer starts out marked "identity", and
        // Quarkus REST lifts that by the declared media type, which a streamed answer chooses per
        // request. Netty then compresses when the request accepts gzip (or deflate).
        response.headers().remove(HttpHeaders.CONTENT_ENCODING);
        return RestMulti.fromMultiData(body)
                .encodeAsJsonArray(false)
                .header("Content-Type", format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + fileName(from, to, format) + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static String fileName(Instant from, Instant to, ExportFormat format) {
        DateTimeFormatter compact =
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);
        return "events-" + compact.format(from.truncatedTo(ChronoUnit.SECONDS)) + "-"
                + compact.format(to.truncatedTo(ChronoUnit.SECONDS)) + "." + format.wire();
    }
}
