package io.theeye.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Ingest's answer to a batch (202, or 400 when no item was acceptable): one result per item, in
 * request order.
 *
 * @param accepted how many items Kafka now holds
 * @param rejected how many items were refused
 * @param results each item's outcome
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record BatchAnswer(int accepted, int rejected, List<ItemResult> results) {

    /**
     * One item's outcome.
     *
     * @param index the item's position in the request
     * @param status {@code accepted} or {@code rejected}
     * @param error why it was rejected
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ItemResult(int index, String status, ItemError error) {

        boolean isAccepted() {
            return "accepted".equals(status);
        }
    }

    /**
     * Why an item was rejected.
     *
     * @param code the stable error code
     * @param path a JSON Pointer into the item
     * @param message the reason
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ItemError(String code, String path, String message) {}
}
