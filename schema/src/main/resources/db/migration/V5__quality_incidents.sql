-- Data-quality incidents (issue 4), kept by processor-service's QualityCheck: one row per incident
-- of an application, opened when a condition starts and closed when it ends. The check runs under
-- an advisory lock, so with several processor replicas an incident is opened, closed and notified once.
CREATE TABLE quality_incidents (
    id                 bigserial PRIMARY KEY,
    application_id     uuid             NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind               text             NOT NULL CHECK (kind IN ('invalid_share', 'silent')),
    opened_at          timestamptz      NOT NULL DEFAULT now(),
    closed_at          timestamptz,
    -- When it opened: invalid_share, the share of invalid events in the window (0..1); silent, the
    -- seconds since the application's last event.
    value              double precision NOT NULL,
    -- The same measure when it closed; NULL when it closed because the application was disabled.
    closed_value       double precision,
    -- When every configured webhook had accepted the opening / recovery notice (at once when no
    -- webhook is configured). NULL while a notice is owed: the next run retries it.
    opened_notified_at timestamptz,
    closed_notified_at timestamptz,
    CHECK (closed_at IS NULL OR closed_at >= opened_at),
    CHECK (closed_notified_at IS NULL OR closed_at IS NOT NULL)
);

-- At most one open incident per application and kind: opening is INSERT ... ON CONFLICT DO NOTHING.
CREATE UNIQUE INDEX quality_incidents_open_idx ON quality_incidents (application_id, kind) WHERE closed_at IS NULL;
-- The incidents that still owe a notice: a handful, however long the history grows.
CREATE INDEX quality_incidents_unnotified_idx ON quality_incidents (id)
    WHERE opened_notified_at IS NULL OR (closed_at IS NOT NULL AND closed_notified_at IS NULL);
CREATE INDEX quality_incidents_application_idx ON quality_incidents (application_id, opened_at);

-- Which webhook accepted which notice. With several webhooks, one that failed is retried alone,
-- without repeating the notice to those that accepted it. target is the SHA-256 of the webhook's
-- format and URL, never the URL: Slack webhook URLs are credentials.
CREATE TABLE quality_notice_deliveries (
    incident_id  bigint      NOT NULL REFERENCES quality_incidents (id) ON DELETE CASCADE,
    state        text        NOT NULL CHECK (state IN ('opened', 'resolved')),
    target       text        NOT NULL,
    delivered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident_id, state, target)
);
