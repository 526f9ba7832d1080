package io.theeye.query.rest;

import io.smallrye.mutiny.Uni;
import io.theeye.query.config.QueryConfig;
import io.theeye.query.storage.StatsQuery;
import io.theeye.query.storage.StatsQuery.Bucket;
import io.theeye.query.storage.StatsQuery.Grouping;
import io.theeye.query.storage.StatsRepository;
import io.theeye.service.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
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

    private static final Set<String> PARAMETERS =
            Set.of("from", "to", "bucket", "group_by", "application", "category", "name");

    private final StatsRepository stats;
    private final QueryConfig config;
    private final Clock clock;

    StatsResource(StatsRepository stats, QueryConfig config) {
        this.stats = stats;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    @GET
    @Operation(
            summary = "Count events over time",
            description = "Valid and invalid counts per hour or UTC day, optionally grouped by category, name "
                    + "(with its category) or application, from the hourly rollup the processor keeps exact. "
                    + "The range is widened to whole buckets; buckets without events are left out. At most "
                    + "31 days of hour buckets or 366 days of day buckets (configurable). Defaults: bucket=hour, "
                    + "to = now, from = 24 hours (hour) or 30 days (day) before to.")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "inclusive start", example = "2021-01-01T00:00:00Z")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "exclusive end", example = "2021-01-02T00:00:00Z")
    @Parameter(
            name = "bucket",
            in = ParameterIn.QUERY,
            description = "bucket size",
            example = "hour",
            schema = @Schema(enumeration = {"hour", "day"}))
    @Parameter(
            name = "group_by",
            in = ParameterIn.QUERY,
            description = "grouping within each bucket",
            example = "category",
            schema = @Schema(enumeration = {"none", "category", "name", "application"}))
    @Parameter(name = "application", in = ParameterIn.QUERY, description = "only this application (id)")
    @Parameter(
            name = "category",
            in = ParameterIn.QUERY,
            description = "only this category",
            example = "page interaction")
    @Parameter(name = "name", in = ParameterIn.QUERY, description = "only this event name", example = "pageview")
    @APIResponse(
            responseCode = "200",
            description = "Counts per bucket",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = StatsReport.class),
                            examples = @ExampleObject(name = "hourly by category", value = ApiExamples.STATS)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter breaks its rule, or the range is too long for the bucket",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples =
                                    @ExampleObject(name = "range too long", value = ApiExamples.STATS_RANGE_PROBLEM)))
    @APIResponse(
            responseCode = "401",
            description = "No valid token",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "unauthorized", value = ApiExamples.UNAUTHORIZED)))
    public Uni<StatsReport> count(@Context UriInfo uri) {
        QueryParameters params = QueryParameters.of(uri.getQueryParameters(), PARAMETERS);
        Bucket bucket = Bucket.fromWire(params.choice("bucket", Bucket.wires(), Bucket.HOUR.wire()));
        Grouping groupBy = Grouping.fromWire(params.choice("group_by", Grouping.wires(), Grouping.NONE.wire()));
        Instant askedTo = params.time("to");
        Instant askedFrom = params.time("from");
        QueryParameters.requireOrdered(askedFrom, askedTo);
        Instant to = bucket.ceil(askedTo != null ? askedTo : clock.instant());
        Instant from = bucket.floor(
                askedFrom != null
                        ? askedFrom
                        : to.minus(bucket == Bucket.HOUR ? Duration.ofHours(24) : Duration.ofDays(30)));
        if (!from.isBefore(to)) {
            throw ProblemException.invalidParameter("from", "must be before 'to' (to defaults to now)");
        }
        int maxDays = bucket == Bucket.HOUR
                ? config.stats().maxHourBucketDays()
                : config.stats().maxDayBucketDays();
        Duration span = Duration.between(from, to);
        if (span.compareTo(Duration.ofDays(maxDays)) > 0) {
            throw ProblemException.invalidParameter(
                    "from",
                    "with bucket=" + bucket.wire() + " the range from 'from' to 'to' may span at most " + maxDays
                            + " days; ask for a shorter range" + (bucket == Bucket.HOUR ? " or bucket=day" : ""));
        }
        StatsQuery query = new StatsQuery(
                from, to, bucket, groupBy, params.uuid("application"), params.text("category"), params.text("name"));
        return stats.count(query)
                .map(buckets -> new StatsReport(
                        from, to, bucket.wire(), groupBy.wire(), StatsReport.Totals.of(buckets), buckets));
    }
}
