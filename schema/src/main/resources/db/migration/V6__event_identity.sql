-- An event is identified by (application_id, event_id): the first copy in log order is kept,
-- whatever the timestamps or payloads of later copies, and two applications may use one id.
-- events is partitioned by time, so its keys cannot enforce that alone: event_ids records each
-- identity once, in the transaction that stores the event (valid or invalid), with the log
-- position of the copy that was kept. Retention prunes it with the events it covers.
CREATE TABLE event_ids (
    -- The zero UUID stands for an unknown application (a record that was not even an envelope).
    application_id  uuid        NOT NULL,
    event_id        uuid        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, event_id)
);
-- Rows arrive in recorded_at order: a BRIN index costs next to nothing to keep for retention.
CREATE INDEX event_ids_recorded_brin ON event_ids USING brin (recorded_at);

INSERT INTO event_ids (application_id, event_id, kafka_partition, kafka_offset, recorded_at)
SELECT application_id, event_id, kafka_partition, kafka_offset, stored_at FROM events
ON CONFLICT DO NOTHING;
INSERT INTO event_ids (application_id, event_id, kafka_partition, kafka_offset, recorded_at)
SELECT coalesce(application_id, '00000000-0000-0000-0000-000000000000'), event_id, kafka_partition, kafka_offset,
       validated_at
FROM invalid_events
ON CONFLICT DO NOTHING;

-- The tables' own keys follow the identity.
ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ADD PRIMARY KEY (application_id, event_id, occurred_at);
ALTER TABLE invalid_events DROP CONSTRAINT invalid_events_pkey;
ALTER TABLE invalid_events ADD CONSTRAINT invalid_events_identity UNIQUE NULLS NOT DISTINCT (application_id, event_id);

-- The time an invalid event is counted under: its own time when that can be trusted, else its
-- arrival (a missing, unreadable or future time cannot place an event; a record that was not
-- even an envelope has only its validation time). The one definition of that rule: the processor
-- counts by it, a replay takes the count back from the same hour, and queries can read it.
ALTER TABLE invalid_events ADD COLUMN counted_at timestamptz NOT NULL GENERATED ALWAYS AS (
    CASE WHEN occurred_at IS NULL OR 'future_timestamp' = ANY (error_codes) THEN coalesce(received_at, validated_at)
         ELSE occurred_at END) STORED;

-- Future-dated invalid events were counted in their (future) hour: count everything again.
TRUNCATE event_counts_hourly;
INSERT INTO event_counts_hourly (hour, application_id, category, name, valid, events)
SELECT date_bin('1 hour', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), application_id, category, name, true,
       count(*)
FROM events GROUP BY 1, 2, 3, 4;
INSERT INTO event_counts_hourly (hour, application_id, category, name, valid, events)
SELECT date_bin('1 hour', counted_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
       coalesce(application_id, '00000000-0000-0000-0000-000000000000'), coalesce(category, ''), coalesce(name, ''),
       false, count(*)
FROM invalid_events WHERE replay_status <> 'replayed' GROUP BY 1, 2, 3, 4;
