#!/usr/bin/env bash
# Creates The Eye's topics once Kafka is up; brokers never auto-create them.
# Idempotent (--if-not-exists), so `docker compose up` can run it on every start.
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
topics=/opt/kafka/bin/kafka-topics.sh

# eye.events.raw is the system of record: unlimited retention. Its partition count caps how many
# processor instances can share the work, and it cannot be lowered later.
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists \
  --topic eye.events.raw \
  --partitions "${EYE_RAW_PARTITIONS:-12}" \
  --replication-factor 1 \
  --config retention.ms=-1

# Invalid events are also stored in PostgreSQL; the topic keeps 30 days for consumers that watch quality.
"$topics" --bootstrap-server "$bootstrap" --create --if-not-exists \
  --topic eye.events.invalid \
  --partitions "${EYE_INVALID_PARTITIONS:-3}" \
  --replication-factor 1 \
  --config retention.ms=2592000000

"$topics" --bootstrap-server "$bootstrap" --describe --topic eye.events.raw,eye.events.invalid
