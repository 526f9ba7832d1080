#!/usr/bin/env bash
# Runs The Eye on this machine: real Kafka and PostgreSQL (no Docker) and the three services,
# each a process of its own. Data survives restarts. Ctrl-C stops everything. Runs on Linux and
# macOS, on x86-64 and 64-bit ARM (the PostgreSQL binaries for all four come with local-stack).
#
# Settings (environment): EYE_HOME (default ./.eye-local), EYE_KAFKA_PORT (9092),
# EYE_KAFKA_CONTROLLER_PORT (9093), EYE_POSTGRES_PORT (5432), EYE_INGEST_PORT (8080),
# EYE_PROCESSOR_PORT (8081), EYE_QUERY_PORT (8082), the management ports (/q/*)
# EYE_INGEST_MANAGEMENT_PORT (9080), EYE_PROCESSOR_MANAGEMENT_PORT (9081),
# EYE_QUERY_MANAGEMENT_PORT (9082), EYE_REBUILD=1 to force a build.
#
# Kafka and PostgreSQL require credentials, as in production: each service gets only its own
# (DATA_DIR/<service>.env); the schema owner's and the Kafka operator's are in DATA_DIR/stack.env.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
EYE_HOME=${EYE_HOME:-$ROOT/.eye-local}
DATA_DIR=$EYE_HOME/data
LOG_DIR=$EYE_HOME/logs
KAFKA_PORT=${EYE_KAFKA_PORT:-9092}
CONTROLLER_PORT=${EYE_KAFKA_CONTROLLER_PORT:-9093}
POSTGRES_PORT=${EYE_POSTGRES_PORT:-5432}
INGEST_PORT=${EYE_INGEST_PORT:-8080}
PROCESSOR_PORT=${EYE_PROCESSOR_PORT:-8081}
QUERY_PORT=${EYE_QUERY_PORT:-8082}
INGEST_MANAGEMENT_PORT=${EYE_INGEST_MANAGEMENT_PORT:-9080}
PROCESSOR_MANAGEMENT_PORT=${EYE_PROCESSOR_MANAGEMENT_PORT:-9081}
QUERY_MANAGEMENT_PORT=${EYE_QUERY_MANAGEMENT_PORT:-9082}
SERVICES=(processor-service ingest-service query-service)
# Functions, not associative arrays: macOS ships bash 3.2, which has none.
port_of() {
  case $1 in
    ingest-service) echo "$INGEST_PORT" ;;
    processor-service) echo "$PROCESSOR_PORT" ;;
    query-service) echo "$QUERY_PORT" ;;
  esac
}
management_port_of() {
  case $1 in
    ingest-service) echo "$INGEST_MANAGEMENT_PORT" ;;
    processor-service) echo "$PROCESSOR_MANAGEMENT_PORT" ;;
    query-service) echo "$QUERY_MANAGEMENT_PORT" ;;
  esac
}
PIDS=()

say() { printf '%s\n' "$*"; }
fail() { say "run-local: $*" >&2; exit 1; }

command -v java >/dev/null || fail "java is not on PATH: install a JDK 17 or newer"
command -v curl >/dev/null || fail "curl is not on PATH: it is used to wait for readiness"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$KAFKA_PORT" "$CONTROLLER_PORT" "$POSTGRES_PORT" "$INGEST_PORT" "$PROCESSOR_PORT" "$QUERY_PORT" \
  "$INGEST_MANAGEMENT_PORT" "$PROCESSOR_MANAGEMENT_PORT" "$QUERY_MANAGEMENT_PORT"; do
  port_in_use "$port" && fail "port $port is already in use (is The Eye already running?); see README for the EYE_*_PORT settings"
done

# Build when a packaged service is missing or older than any source or pom.
needs_build() {
  [ "${EYE_REBUILD:-0}" = 1 ] && return 0
  [ -f local-stack/target/runtime.classpath ] || return 0
  for service in "${SERVICES[@]}"; do
    local jar=$service/target/quarkus-app/quarkus-run.jar
    [ -f "$jar" ] || return 0
    [ -z "$(find . -path ./.eye-local -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit)" ] || return 0
  done
  return 1
}
if needs_build; then
  say "Building The Eye (first time: downloads dependencies, a few minutes)..."
  MAVEN_OPTS=${MAVEN_OPTS:--Xmx1g} ./mvnw -B -q -DskipTests install -pl '!system-tests,!deployment-tests' || fail "the build failed"
fi

mkdir -p "$DATA_DIR" "$LOG_DIR"

stop_all() {
  trap - INT TERM EXIT
  say ""
  say "Stopping The Eye..."
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${PIDS[i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  say "Stopped. Data is kept in $DATA_DIR"
  exit 0
}
trap stop_all INT TERM EXIT

say "Starting Kafka and PostgreSQL (data in $DATA_DIR, log $LOG_DIR/local-stack.log)..."
rm -f "$DATA_DIR/stack.env" "$DATA_DIR"/*-service.env
java -Xmx256m -cp "local-stack/target/classes:$(cat local-stack/target/runtime.classpath)" io.theeye.localstack.LocalStackMain \
  --data-dir "$DATA_DIR" --kafka-port "$KAFKA_PORT" --kafka-controller-port "$CONTROLLER_PORT" \
  --postgres-port "$POSTGRES_PORT" >>"$LOG_DIR/local-stack.log" 2>&1 &
STACK_PID=$!
PIDS+=("$STACK_PID")
for _ in $(seq 1 240); do
  [ -f "$DATA_DIR/stack.env" ] && break
  kill -0 "$STACK_PID" 2>/dev/null || { tail -n 30 "$LOG_DIR/local-stack.log" >&2; fail "the local stack did not start; see $LOG_DIR/local-stack.log"; }
  sleep 0.5
done
[ -f "$DATA_DIR/stack.env" ] || fail "the local stack was not ready after 120 s; see $LOG_DIR/local-stack.log"
# Read for the banner only, not exported: the services must not inherit the owner's or operator's passwords.
# shellcheck disable=SC1091
. "$DATA_DIR/stack.env"

for service in "${SERVICES[@]}"; do
  say "Starting $service on port $(port_of "$service"), management $(management_port_of "$service") (log $LOG_DIR/$service.log)..."
  (
    set -a
    # shellcheck disable=SC1090
    . "$DATA_DIR/$service.env"
    QUARKUS_HTTP_PORT=$(port_of "$service")
    QUARKUS_MANAGEMENT_PORT=$(management_port_of "$service")
    # The console (query) sends replays to the processor; the processor lets that origin call it.
    EYE_CONSOLE_PROCESSOR_URL=http://localhost:$PROCESSOR_PORT
    EYE_CONSOLE_ORIGIN=http://localhost:$QUERY_PORT
    set +a
    exec java -Xmx384m -jar "$service/target/quarkus-app/quarkus-run.jar"
  ) >>"$LOG_DIR/$service.log" 2>&1 &
  PIDS+=("$!")
done

for service in "${SERVICES[@]}"; do
  ready=""
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$(management_port_of "$service")/q/health/ready" 2>/dev/null; then ready=1; break; fi
    sleep 0.5
  done
  [ -n "$ready" ] || { tail -n 30 "$LOG_DIR/$service.log" >&2; fail "$service was not ready after 120 s; see $LOG_DIR/$service.log"; }
done

cat <<BANNER

The Eye is running.
  ingest-service     http://localhost:$INGEST_PORT   (POST /v1/events, /v1/batch)
  processor-service  http://localhost:$PROCESSOR_PORT   (POST /v1/validate)
  query-service      http://localhost:$QUERY_PORT   (GET /v1/events, /v1/sessions/{id}/events)
  analyst console    http://localhost:$QUERY_PORT/   (sign in with a token below)
  management (/q/*)  http://localhost:$INGEST_MANAGEMENT_PORT, :$PROCESSOR_MANAGEMENT_PORT, :$QUERY_MANAGEMENT_PORT   (health, metrics, API docs at /q/swagger-ui)
  Kafka              127.0.0.1:$KAFKA_PORT (SASL: operator $EYE_KAFKA_OPERATOR_USERNAME; passwords in $DATA_DIR/stack.env)
  PostgreSQL         $QUARKUS_DATASOURCE_JDBC_URL (owner $EYE_DB_OWNER_USERNAME; each service has its own role)
  logs               $LOG_DIR
  data               $DATA_DIR

Demo application key:  $EYE_DEMO_APPLICATION_KEY
Analyst token:         $EYE_ANALYST_TOKEN
Admin token:           $EYE_ADMIN_TOKEN
(the tokens expire at $EYE_TOKENS_EXPIRE_AT; restart ./run-local.sh for new ones)

Post the example events:

  curl -i -H 'Authorization: Bearer $EYE_DEMO_APPLICATION_KEY' -H 'Content-Type: application/json' \\
       --data @examples/seed-batch.json http://localhost:$INGEST_PORT/v1/batch

Read the session back:

  curl -s -H 'Authorization: Bearer $EYE_ANALYST_TOKEN' \\
       http://localhost:$QUERY_PORT/v1/sessions/e2085be5-9137-4e4e-80b5-f1ffddc25423/events

Press Ctrl-C to stop.
BANNER

# Wait until Ctrl-C, or until a process dies on its own.
while true; do
  for pid in "${PIDS[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "run-local: a process ($pid) exited; see the logs in $LOG_DIR" >&2
      exit 1
    fi
  done
  sleep 2
done
