-- Indexes for counting invalid events on the event-time clock, the clock of the hourly counts:
-- counted_at is the event's own time when it can be trusted, else its arrival (V6). The error
-- monitor's summary and listing filter and order by it when asked for that clock, so that its
-- totals agree with /v1/stats over the same range. Unfiltered, and by application.
CREATE INDEX invalid_events_counted_idx ON invalid_events (counted_at, event_id);
CREATE INDEX invalid_events_application_counted_idx ON invalid_events (application_id, counted_at, event_id);
