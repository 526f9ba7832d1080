-- Least privilege: each service connects as its own login role with only the grants it needs.
-- The role running this migration owns the schema (it created every table) and is used only to
-- migrate. The login roles are created beforehand by whoever creates the database (the local
-- stack, compose's init script, CloudNativePG's managed roles): creating roles needs CREATEROLE,
-- which the owner does not have, and their passwords do not belong in a migration.
--
--   eye_ingest     reads the application keys
--   eye_processor  stores events, invalid events, hourly counts and quality incidents
--   eye_query      reads everything it serves; writes applications, keys and event types (admin)

DO $$
DECLARE
    missing text;
BEGIN
    SELECT string_agg(r, ', ') INTO missing
    FROM unnest(ARRAY['eye_ingest', 'eye_processor', 'eye_query']) AS r
    WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'the login roles % do not exist: create them (LOGIN, with a password) before migrating; see SECURITY.md', missing;
    END IF;
END
$$;

-- Nobody connects or creates temporary tables by default; the three roles may connect.
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO eye_ingest, eye_processor, eye_query', current_database());
END
$$;

-- PostgreSQL 15 and later already deny CREATE on public to everyone but its owner; say it anyway.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO eye_ingest, eye_processor, eye_query;

-- ingest-service: the key set it keeps in memory.
GRANT SELECT ON applications, application_keys TO eye_ingest;

-- processor-service. Events are appended, never updated or deleted by it (retention drops whole
-- partitions through the function below).
-- (application_keys: the dry run takes an application's key, as ingest does.)
GRANT SELECT ON applications, application_keys, event_types TO eye_processor;
GRANT SELECT, INSERT ON events TO eye_processor;
GRANT SELECT, INSERT, UPDATE ON invalid_events, event_counts_hourly, quality_incidents TO eye_processor;
GRANT SELECT, INSERT ON quality_notice_deliveries TO eye_processor;
GRANT USAGE ON SEQUENCE quality_incidents_id_seq TO eye_processor;

-- Creating and dropping daily partitions needs the owner's rights: the two functions run as their
-- owner (SECURITY DEFINER) with a fixed search_path, and only the processor may call them.
ALTER FUNCTION ensure_events_partition(date) SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION drop_events_partitions_before(date) SECURITY DEFINER SET search_path = public, pg_temp;
REVOKE EXECUTE ON FUNCTION ensure_events_partition(date), drop_events_partitions_before(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ensure_events_partition(date), drop_events_partitions_before(date) TO eye_processor;

-- query-service: reads what it serves, and administers applications, their keys and event types.
GRANT SELECT ON events, invalid_events, event_counts_hourly, quality_incidents,
    applications, application_keys, event_types TO eye_query;
GRANT INSERT, UPDATE ON applications, application_keys, event_types TO eye_query;

-- Tables that later migrations create (as this same owner): the processor may read and append,
-- query may read. Anything more (UPDATE, DELETE) is granted by the migration that needs it.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO eye_processor;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO eye_processor;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO eye_query;

-- The identity table: the processor records identities and expires them with retention; query
-- may read them.
GRANT SELECT, INSERT, DELETE ON event_ids TO eye_processor;
GRANT SELECT ON event_ids TO eye_query;
