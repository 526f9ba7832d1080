#!/usr/bin/env bash
# Sets up Kafka for The Eye once the broker is up: the topics (brokers never auto-create them), the
# services' SCRAM users, their ACLs and their quotas. Idempotent, so `docker compose up` can run it
# on every start. Acts as the broker's operator (admin, a super user) through KAFKA_ADMIN_CONFIG.
# DEMO ONLY: every password here comes from docker-compose.yml and is public.
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
admin="${KAFKA_ADMIN_CONFIG:-/opt/the-eye/kafka-admin.properties}"
bin=/opt/kafka/bin

# eye.events.raw is the system of record: unlimited retention. Its partition count caps how many
# processor instances can share the work, and it cannot be lowered later.
"$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists \
  --topic eye.events.raw \
  --partitions "${EYE_RAW_PARTITIONS:-12}" \
  --replication-factor 1 \
  --config retention.ms=-1

# Invalid events are also stored in PostgreSQL; the topic keeps 30 days for consumers that watch quality.
"$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists \
  --topic eye.events.invalid \
  --partitions "${EYE_INVALID_PARTITIONS:-3}" \
  --replication-factor 1 \
  --config retention.ms=2592000000

# Every stored valid event, keyed by session like the raw topic and with as many partitions (a
# session's order holds). Derived data: the events table keeps them for good, the topic a week.
"$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists \
  --topic eye.events.valid \
  --partitions "${EYE_RAW_PARTITIONS:-12}" \
  --replication-factor 1 \
  --config retention.ms=604800000

# One SCRAM-SHA-512 user per service (re-running sets the same password again).
user() {
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=4096,password=$2]"
}
user eye-ingest "${EYE_KAFKA_INGEST_PASSWORD:?}"
user eye-processor "${EYE_KAFKA_PROCESSOR_PASSWORD:?}"
user eye-query "${EYE_KAFKA_QUERY_PASSWORD:?}"

# Least privilege: ingest may only write the raw topic; the processor may read it in its groups
# (eye-processor and the rebuild groups eye-processor-*) and write the invalid and valid topics;
# query may only read the invalid and valid topics, without a group (its live view assigns
# partitions itself and commits nothing). Nothing else is allowed to anyone but the operator: no
# topic deletion, no moving another group's offsets.
acl() { "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add "$@"; }
acl --allow-principal User:eye-ingest --operation Write --operation Describe --topic eye.events.raw
acl --allow-principal User:eye-processor --operation Read --operation Describe --topic eye.events.raw
acl --allow-principal User:eye-processor --operation Read --group eye-processor --resource-pattern-type prefixed
acl --allow-principal User:eye-processor --operation Write --operation Describe --topic eye.events.invalid
acl --allow-principal User:eye-processor --operation Write --operation Describe --topic eye.events.valid
acl --allow-principal User:eye-query --operation Read --operation Describe --topic eye.events.valid
acl --allow-principal User:eye-query --operation Read --operation Describe --topic eye.events.invalid

# Quotas bound what one leaked credential can do to the broker (bytes per second).
quota() {
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$1" --add-config "$2"
}
quota eye-ingest "producer_byte_rate=${EYE_INGEST_PRODUCE_BYTES_PER_SECOND:-10485760}"
quota eye-processor "producer_byte_rate=${EYE_PROCESSOR_PRODUCE_BYTES_PER_SECOND:-10485760},consumer_byte_rate=${EYE_PROCESSOR_FETCH_BYTES_PER_SECOND:-52428800}"
quota eye-query "consumer_byte_rate=${EYE_QUERY_FETCH_BYTES_PER_SECOND:-20971520}"

"$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --describe --topic eye.events.raw,eye.events.invalid,eye.events.valid
"$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --list
