-- The Eye: the event store. Applied by processor-service at start (Flyway, advisory-locked).

-- Applications that may send events. A key is never stored, only its SHA-256.
CREATE TABLE applications (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz
);

-- Keys live apart from applications so that a rotated key can keep working for an overlap.
CREATE TABLE application_keys (
    key_hash       text PRIMARY KEY,
    application_id uuid        NOT NULL REFERENCES applications (id),
    key_prefix     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz
);
CREATE INDEX application_keys_application_idx ON application_keys (application_id);

-- Versioned registry of JSON Schemas for the data of each event type.
CREATE TABLE event_types (
    category    text        NOT NULL,
    name        text        NOT NULL,
    version     integer     NOT NULL CHECK (version > 0),
    schema      jsonb       NOT NULL,
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deprecated')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (category, name, version)
);

INSERT INTO event_types (category, name, version, schema) VALUES
('page interaction', 'pageview', 1, '{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["host", "path"],
  "properties": {"host": {"type": "string", "minLength": 1}, "path": {"type": "string"}}
}'),
('page interaction', 'cta click', 1, '{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["host", "path", "element"],
  "properties": {"host": {"type": "string", "minLength": 1}, "path": {"type": "string"},
                 "element": {"type": "string"}}
}'),
('form interaction', 'submit', 1, '{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["host", "path", "form"],
  "properties": {"host": {"type": "string", "minLength": 1}, "path": {"type": "string"},
                 "form": {"type": "object"}}
}');

-- Valid events, append-only. occurred_at is identical in every copy of an event, so
-- (event_id, occurred_at) de-duplicates exactly while letting PostgreSQL partition by time.
CREATE TABLE events (
    event_id        uuid        NOT NULL,
    application_id  uuid        NOT NULL,
    session_id      uuid        NOT NULL,
    category        text        NOT NULL,
    name            text        NOT NULL,
    data            jsonb       NOT NULL,
    occurred_at     timestamptz NOT NULL,
    corrected_at    timestamptz,
    received_at     timestamptz NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    schema_version  integer,
    stored_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- Stragglers outside every dated partition land here rather than being refused.
CREATE TABLE events_default PARTITION OF events DEFAULT;

-- Arrival order is the raw record's (partition, offset): a session's events share a partition.
CREATE INDEX events_session_idx ON events (session_id, occurred_at, kafka_partition, kafka_offset);
CREATE INDEX events_category_idx ON events (category, occurred_at, kafka_partition, kafka_offset);
CREATE INDEX events_application_idx ON events (application_id, occurred_at, kafka_partition, kafka_offset);
CREATE INDEX events_time_idx ON events (occurred_at, kafka_partition, kafka_offset);

-- Events that failed validation, with every error. A record that was not even JSON has no
-- event id of its own; the processor derives one from its topic position.
CREATE TABLE invalid_events (
    event_id        uuid PRIMARY KEY,
    application_id  uuid,
    received_at     timestamptz,
    payload         jsonb,
    raw_text        text,
    category        text,
    name            text,
    errors          jsonb       NOT NULL,
    error_codes     text[]      NOT NULL,
    validated_at    timestamptz NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    replay_status   text        NOT NULL DEFAULT 'pending'
                    CHECK (replay_status IN ('pending', 'replayed', 'still_invalid')),
    replayed_at     timestamptz
);
CREATE INDEX invalid_events_received_idx ON invalid_events (received_at);
CREATE INDEX invalid_events_application_idx ON invalid_events (application_id, received_at);
CREATE INDEX invalid_events_type_idx ON invalid_events (category, name, received_at);
CREATE INDEX invalid_events_codes_idx ON invalid_events USING gin (error_codes);
