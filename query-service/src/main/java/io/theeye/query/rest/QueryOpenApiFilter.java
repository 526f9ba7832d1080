package io.theeye.query.rest;

import io.theeye.contract.ErrorCode;
import io.theeye.query.service.ExportFormat;
import io.theeye.query.storage.CountingClock;
import io.theeye.query.storage.InvalidEventFilter;
import io.theeye.query.storage.StatsQuery.Bucket;
import io.theeye.query.storage.StatsQuery.Grouping;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Completes the OpenAPI document from the code, so it cannot drift from it: the words each
 * parameter accepts, and the 401 and 403 answers (shared components) of every secured operation.
 */
public class QueryOpenApiFilter implements OASFilter {

    private static final Map<String, List<String>> WORDS = Map.of(
            "code", Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toList(),
            "replay_status", InvalidEventFilter.REPLAY_STATUSES,
            "bucket", Bucket.wires(),
            "group_by", Grouping.wires(),
            "clock", CountingClock.wires(),
            "force", List.of("true", "false"),
            "kind", List.of("valid", "invalid"),
            "format", ExportFormat.wires());

    @Override
    public Parameter filterParameter(Parameter parameter) {
        List<String> words = parameter.getName() == null ? null : WORDS.get(parameter.getName());
        if (words != null) {
            if (parameter.getSchema() == null) {
                parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
            }
            parameter.getSchema().setEnumeration(List.copyOf(words));
        }
        return parameter;
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            operation
                    .getResponses()
                    .addAPIResponse("401", OASFactory.createAPIResponse().ref("unauthorized"));
            operation
                    .getResponses()
                    .addAPIResponse("403", OASFactory.createAPIResponse().ref("forbidden"));
        }
        return operation;
    }
}
