-- DEMO ONLY: registers the application "demo-shop" with a publicly known key so that a first
-- `docker compose up` can post events at once. Never run this against a real database: anyone who
-- reads this repository could send events as demo-shop.
--
-- Runs after processor-service is healthy, i.e. after its Flyway migrations created the tables.
-- Idempotent: a second run changes nothing. Expects psql variables demo_key and demo_application_id.

INSERT INTO applications (id, name, created_at)
VALUES (:'demo_application_id'::uuid, 'demo-shop', now())
ON CONFLICT DO NOTHING;

-- Only the key's SHA-256 (lowercase hex) and its first 12 characters are stored, as ingest expects.
-- The application is looked up by name, in case demo-shop was registered earlier with another id.
INSERT INTO application_keys (key_hash, application_id, key_prefix, created_at, expires_at)
SELECT encode(sha256(convert_to(:'demo_key', 'UTF8')), 'hex'), a.id, left(:'demo_key', 12), now(), NULL
FROM applications a
WHERE a.name = 'demo-shop'
ON CONFLICT DO NOTHING;

SELECT a.name, k.key_prefix, k.created_at
FROM application_keys k JOIN applications a ON a.id = k.application_id
WHERE a.name = 'demo-shop';
