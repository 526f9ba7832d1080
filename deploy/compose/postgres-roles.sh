#!/usr/bin/env bash
# Runs once, when the PostgreSQL data directory is new (docker-entrypoint-initdb.d of the official
# image): creates the schema owner eye (only processor-service's migrations connect as it), the
# database, and one login role per service. Migration V7 grants each role its privileges.
# Used by docker compose (demo passwords in docker-compose.yml) and, as an identical copy, by the
# k8s dev overlay (passwords from its Secrets): kustomize reads no file outside its overlay.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set=owner_password="${EYE_DB_OWNER_PASSWORD:?}" \
  --set=ingest_password="${EYE_DB_INGEST_PASSWORD:?}" \
  --set=processor_password="${EYE_DB_PROCESSOR_PASSWORD:?}" \
  --set=query_password="${EYE_DB_QUERY_PASSWORD:?}" <<'SQL'
CREATE ROLE eye LOGIN PASSWORD :'owner_password';
CREATE ROLE eye_ingest LOGIN PASSWORD :'ingest_password';
CREATE ROLE eye_processor LOGIN PASSWORD :'processor_password';
CREATE ROLE eye_query LOGIN PASSWORD :'query_password';
CREATE DATABASE eye OWNER eye;
SQL
