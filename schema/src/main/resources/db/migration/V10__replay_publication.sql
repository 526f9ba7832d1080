-- A replay moves now-valid invalid events into events; the processor then publishes them on
-- eye.events.valid, as it does every stored valid event, and records here that it did. A replay cut
-- short between its commit and Kafka's acknowledgement (a crash, Kafka away) leaves this NULL, and
-- the processor's sweep publishes those events later: every replayed event reaches the topic at
-- least once, and never before it is stored.
ALTER TABLE invalid_events ADD COLUMN valid_published_at timestamptz;

-- Replays before this migration predate the topic, like the valid events stored before it: there is
-- nothing to publish for them.
UPDATE invalid_events SET valid_published_at = replayed_at WHERE replay_status = 'replayed';

-- What the sweep looks for: a handful of rows at most, however long invalid_events grows.
CREATE INDEX invalid_events_unpublished_idx ON invalid_events (replayed_at)
    WHERE replay_status = 'replayed' AND valid_published_at IS NULL;
