-- Indexes for query-service's error monitoring. Invalid events are listed newest arrival first
-- and filtered on arrival time; a record that was not even an envelope has no received_at, so
-- its validation time stands in: coalesce(received_at, validated_at), with the event id as the
-- keyset tie-breaker. Unfiltered, by application, and by event type.
CREATE INDEX invalid_events_seen_idx
    ON invalid_events ((coalesce(received_at, validated_at)), event_id);
CREATE INDEX invalid_events_application_seen_idx
    ON invalid_events (application_id, (coalesce(received_at, validated_at)), event_id);
CREATE INDEX invalid_events_type_seen_idx
    ON invalid_events (category, name, (coalesce(received_at, validated_at)), event_id);
