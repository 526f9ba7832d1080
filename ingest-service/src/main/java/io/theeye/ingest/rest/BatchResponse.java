package io.theeye.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.theeye.contract.EventError;
import io.theeye.service.intake.BatchItem;
import java.util.List;
import java.util.UUID;

/** The answer to a batch: counts and one result per item, in request order. */
public record BatchResponse(
        @JsonProperty("accepted") int accepted,
        @JsonProperty("rejected") int rejected,
        @JsonProperty("results") List<ItemResult> results) {

    /** One item's outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(
            @JsonProperty("index") int index,
            @JsonProperty("status") String status,
            @JsonProperty("event_id") UUID eventId,
            @JsonProperty("error") EventError error) {}

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
