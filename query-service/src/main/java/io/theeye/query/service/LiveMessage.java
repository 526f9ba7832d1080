package io.theeye.query.service;

/** What a viewer's stream carries: decided events, and what it needs to know about the stream. */
public sealed interface LiveMessage {

    /** A decided event that matches the viewer's filter. */
    record Event(LiveEvent event) implements LiveMessage {}

    /** Nothing happened for a while; the stream is alive. */
    record Heartbeat() implements LiveMessage {}

    /**
     * The first message of a stream.
     *
     * @param resumed true when the stream continues right after the Last-Event-ID the viewer sent,
     *     false when that event is no longer held here (events in between may be missing), null
     *     when the viewer sent none
     * @param viewers viewers of this instance, this one included
     * @param maxViewers how many this instance serves at most
     */
    record Opened(Boolean resumed, int viewers, int maxViewers) implements LiveMessage {}

    /** The last message of a stream this instance ended, with why. */
    record Dropped(String reason, String detail) implements LiveMessage {}
}
