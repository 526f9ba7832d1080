package io.theeye.query.rest;

import static org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.QUERY;

import io.smallrye.mutiny.Uni;
import io.theeye.contract.Problem;
import io.theeye.query.service.StatsReport;
import io.theeye.query.service.StatsService;
import io.theeye.query.storage.StatsQuery;
import io.theeye.query.storage.StatsQuery.Bucket;
import io.theeye.query.storage.StatsQuery.Grouping;
import io.theeye.service.input.StrictParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Event counts over time from the processor's hourly rollup, for dashboards and the console. */
@Path("/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"analyst", "admin"})
@SecurityRequirement(name = "jwt")
public class StatsResource {

    private final StatsService stats;

    StatsResource(StatsService stats) {
        this.stats = stats;
    }

    @GET
    @Operation(
            summary = "Count events over time",
            description = "Valid and invalid counts per hour or UTC day, optionally grouped by category, name "
                    + "(with its category) or application, from the hourly rollup the processor keeps exact. "
                    + "The range is widened to whole buckets; buckets without events are left out. At most "
                    + "31 days of hour buckets or 366 days of day buckets (configurable). Defaults: bucket=hour, "
                    + "to = now, from = 24 hours (hour) or 30 days (day) before to.")
    @Parameter(name = "from", in = QUERY, description = "inclusive start", example = "2021-01-01T00:00:00Z")
    @Parameter(name = "to", in = QUERY, description = "exclusive end", example = "2021-01-02T00:00:00Z")
    @Parameter(name = "bucket", in = QUERY, description = "bucket size", example = "hour")
    @Parameter(name = "group_by", in = QUERY, description = "grouping within each bucket", example = "category")
    @Parameter(name = "application", in = QUERY, description = "only this application (id)")
    @Parameter(name = "category", in = QUERY, description = "only this category", example = "page interaction")
    @Parameter(name = "name", in = QUERY, description = "only this event name", example = "pageview")
    @APIResponse(
            responseCode = "200",
            description = "Counts per bucket",
            content =
                    @Content(
                            schema = @Schema(implementation = StatsReport.class),
                            examples = @ExampleObject(name = "hourly by category", value = ApiExamples.STATS)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter breaks its rule, or the range is too long for the bucket",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(name = "range too long", value = ApiExamples.STATS_RANGE_PROBLEM)))
    public Uni<StatsReport> count(@Context UriInfo uri) {
        StrictParameters params =
                StrictParameters.of(uri, "from", "to", "bucket", "group_by", "application", "category", "name");
        Bucket bucket = Bucket.fromWire(params.choice("bucket", Bucket.wires(), Bucket.HOUR.wire()));
        Grouping groupBy = Grouping.fromWire(params.choice("group_by", Grouping.wires(), Grouping.NONE.wire()));
        Instant to = params.time("to");
        Instant from = params.time("from");
        StrictParameters.requireOrdered(from, to);
        return stats.count(new StatsQuery(
                from, to, bucket, groupBy, params.uuid("application"), params.text("category"), params.text("name")));
    }
}
