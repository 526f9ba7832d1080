package io.theeye.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.theeye.contract.EventError;
import io.theeye.service.intake.BatchItem;
import java.util.List;
import java.util.UUID;

/** The answer to a batch: counts and one result per item, in request order. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BatchResponse(int accepted, int rejected, List<ItemResult> results) {

    /** One item's outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ItemResult(int index, String status, UUID eventId, EventError error) {}

    static BatchResponse of(List<BatchItem> items) {
        List<ItemResult> results = items.stream()
                .map(item -> item.event() != null
                        ? new ItemResult(item.index(), "accepted", item.event().eventId(), null)
                        : new ItemResult(item.index(), "rejected", null, item.rejection()))
                .toList();
        int accepted = (int) results.stream().filter(r -> r.error() == null).count();
        return new BatchResponse(accepted, results.size() - accepted, results);
    }
}
