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
    events         bigint      NOT NULL CHECK (events >= 0),
    PRIMARY KEY (hour, application_id, category, name, valid)
);
CREATE INDEX event_counts_hourly_type_idx ON event_counts_hourly (category, name, hour);

-- The event's own time when it could be read: invalid events are counted in its hour too.
ALTER TABLE invalid_events ADD COLUMN occurred_at timestamptz;
