package io.theeye.service.intake;

import io.theeye.contract.EventError;

/**
 * One item of a batch request: either an event to publish or the reason it was rejected.
 *
 * @param index the item's position in the request's events array
 * @param event the event, or null when rejected
 * @param rejection why the item was rejected, or null when accepted
 */
public record BatchItem(int index, IncomingEvent event, EventError rejection) {}
