-- Counts per hour, application, event type and validity: what the stats API reads.
-- Kept exact by processor-service in the same transaction that stores the events, counting only
-- rows that were really inserted, so redeliveries and replicas never count twice.
CREATE TABLE event_counts_hourly (
    hour           timestamptz NOT NULL,
    -- Unknown parts (a record that was not even an envelope) are stored as the zero UUID / ''.
    application_id uuid        NOT NULL,
    category       text        NOT NULL,
    name           text        NOT NULL,
    valid          boolean     NOT NULL,
    events         bigint      NOT NULL,
    PRIMARY KEY (hour, application_id, category, name, valid)
);
CREATE INDEX event_counts_hourly_type_idx ON event_counts_hourly (category, name, hour);

-- The event's own time when it could be read: invalid events are counted in its hour too.
ALTER TABLE invalid_events ADD COLUMN occurred_at timestamptz;

-- Events stored before this table existed are counted once, here.
INSERT INTO event_counts_hourly (hour, application_id, category, name, valid, events)
SELECT date_bin('1 hour', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), application_id, category, name, true, count(*)
FROM events GROUP BY 1, 2, 3, 4;
INSERT INTO event_counts_hourly (hour, application_id, category, name, valid, events)
SELECT date_bin('1 hour', coalesce(received_at, validated_at), TIMESTAMPTZ '2000-01-01 00:00:00+00'),
       coalesce(application_id, '00000000-0000-0000-0000-000000000000'), coalesce(category, ''), coalesce(name, ''),
       false, count(*)
FROM invalid_events GROUP BY 1, 2, 3, 4;
