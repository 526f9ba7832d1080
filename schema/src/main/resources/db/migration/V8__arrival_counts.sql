-- Events per minute of arrival (received_at; a record that was not even an envelope: its
-- validation time), per application, valid or not: what "is data flowing, and how much of it is
-- bad" reads for the last hour and day. Kept by processor-service in the statement that stores the
-- events (only rows really inserted count), moved by replay like the hourly counts, and pruned
-- after eight days by its maintenance job. The hourly counts place events by their own time; these
-- by arrival: the overview says which clock each figure uses.
CREATE TABLE event_counts_arrival (
    minute         timestamptz NOT NULL,
    -- Unknown applications (a record that was not even an envelope) count under the zero UUID.
    application_id uuid        NOT NULL,
    valid          boolean     NOT NULL,
    events         bigint      NOT NULL,
    PRIMARY KEY (minute, application_id, valid)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON event_counts_arrival TO eye_processor;
GRANT SELECT ON event_counts_arrival TO eye_query;

-- What is already stored counts once, here (the last eight days are all the table keeps).
INSERT INTO event_counts_arrival (minute, application_id, valid, events)
SELECT date_trunc('minute', received_at), application_id, true, count(*)
FROM events WHERE received_at > now() - interval '8 days'
GROUP BY 1, 2;
INSERT INTO event_counts_arrival (minute, application_id, valid, events)
SELECT date_trunc('minute', coalesce(received_at, validated_at)),
       coalesce(application_id, '00000000-0000-0000-0000-000000000000'), false, count(*)
FROM invalid_events
WHERE coalesce(received_at, validated_at) > now() - interval '8 days' AND replay_status <> 'replayed'
GROUP BY 1, 2;
