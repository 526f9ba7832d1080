#!/usr/bin/env bash
# The Eye's benchmark: builds what is missing, starts a throwaway local stack and the services on
# free loopback ports, drives load, and writes bench/results/<timestamp>.json plus a Markdown table
# appended to bench/RESULTS.md. Bounded and stops everything it started, even on failure or Ctrl-C.
#
# Modes (the bound counts from after the build):
#   (default)  every measurement, sized for the 10-minute bound: 3 runs, wrk 6 s, drain of 50,000,
#              end to end 30 s at 1,000 events/s, queries over 1,000,000 stored events.
#   --quick    the same, smaller (2 runs, wrk 4 s, drain of 20,000, queries over 300,000), 10 minutes.
#              Single events at 32, 256 and 1,024 connections (--connections "N ..."), against
#              the bare HTTP endpoint and the durable ceiling (HTTP + Kafka acks=all).
#   --full     the issue's sizes: wrk 10 s, drain of 100,000, end to end 60 s, queries over
#              10,000,000 stored events (generating them takes 5-9 minutes here); bound 30 minutes.
# Options after the mode override it: --runs N, --duration S (per wrk run),
#          --rates "R ..." (fixed offered rates of single events), --rate-duration S,
#          --e2e-rate R (events/s), --e2e-seconds S,
#          --e2e-batch N (events per POST /v1/batch; 1 posts single events to /v1/events),
#          --drain-events N, --queries-events N (0 skips the query benchmark),
#          --queries-days D, --queries-requests N, --queries-max-seconds S (the bound of generating
#          the events), --max-seconds S,
#          --profile (Java Flight Recorder: ingest during the measured single-event and batch runs,
#          the processor during each drain; recordings kept in bench/results/jfr-<timestamp>/,
#          summarised with bench/jfr-top.py),
#          --apps DIR (run the packaged services from DIR/<service>/quarkus-app instead of
#          <service>/target/quarkus-app, e.g. an earlier build copied aside for a before/after run),
#          --force (run even though the load average is above 2: the figures are then no result).
# A benchmark runs alone: no build, test suite or other load beside it. The run refuses to start
# while the 1-minute load average is above 2.0 and records the load before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
RUNS=3
DURATION=6
WARMUP=3
DRAIN_EVENTS=50000
RATES="500 1000 2000"
RATE_DURATION=5
RATE_WARMUP=3
E2E_RATE=1000
E2E_SECONDS=30
E2E_WARMUP=5
E2E_BATCH=10
QUERIES_EVENTS=1000000
QUERIES_DAYS=30
QUERIES_REQUESTS=100
QUERIES_MAX_SECONDS=720
QUERY_LOAD_SECONDS=10
QUERY_LOAD_CLIENTS=8
MAX_SECONDS=600
CONNECTIONS="32 256 1024"
MODE=default
PROFILE=""
APPS=""
FORCE=""
MAX_LOAD=2.0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) MODE=quick; RUNS=2; DURATION=4; WARMUP=2; DRAIN_EVENTS=20000; RATE_DURATION=3; E2E_SECONDS=15
      QUERIES_EVENTS=300000; QUERIES_REQUESTS=50; QUERY_LOAD_SECONDS=5 ;;
    --full) MODE=full; DURATION=10; WARMUP=5; DRAIN_EVENTS=100000; RATE_DURATION=8; RATE_WARMUP=5
      E2E_SECONDS=60; E2E_WARMUP=10; QUERIES_EVENTS=10000000; QUERIES_REQUESTS=200; QUERY_LOAD_SECONDS=20
      MAX_SECONDS=1800 ;;
    --runs) RUNS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --drain-events) DRAIN_EVENTS=$2; shift ;;
    --rates) RATES=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --rate-duration) RATE_DURATION=$2; shift ;;
    --e2e-rate) E2E_RATE=$2; shift ;;
    --e2e-seconds) E2E_SECONDS=$2; shift ;;
    --e2e-batch) E2E_BATCH=$2; shift ;;
    --queries-events) QUERIES_EVENTS=$2; shift ;;
    --queries-days) QUERIES_DAYS=$2; shift ;;
    --queries-requests) QUERIES_REQUESTS=$2; shift ;;
    --queries-max-seconds) QUERIES_MAX_SECONDS=$2; shift ;;
    --max-seconds) MAX_SECONDS=$2; shift ;;
    --profile) PROFILE=1 ;;
    --apps) APPS=$(cd "$2" && pwd); shift ;;
    --force) FORCE=1 ;;
    *) echo "bench: unknown option $1 (see the header of bench/run.sh)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() { say "FAILED: $*" >&2; exit 1; }

command -v java >/dev/null || fail "java is not on PATH: install a JDK 17 or newer"
command -v curl >/dev/null || fail "curl is not on PATH"
command -v python3 >/dev/null || fail "python3 is not on PATH (it writes the report)"
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing wrk (apt-get)..."
    apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; } \
      || fail "could not install wrk"
  else
    fail "wrk is missing: install it (Debian/Ubuntu: sudo apt-get install wrk; macOS: brew install wrk)"
  fi
fi

# --- a benchmark runs alone --------------------------------------------------------------------
above_max_load() { python3 -c "import sys; sys.exit(0 if float('${1%% *}') > $MAX_LOAD else 1)"; }
LOAD_AT_START=$(cut -d" " -f1-3 /proc/loadavg)
if above_max_load "$LOAD_AT_START" && [ -z "$FORCE" ]; then
  fail "the load average is $LOAD_AT_START (above $MAX_LOAD): something else is running, and a benchmark runs alone (--force runs it anyway; its figures are then no result)"
fi

# --- build what is missing -------------------------------------------------------------------
export MAVEN_OPTS=${MAVEN_OPTS:--Xmx1g}
app_jar() { # service -> the quarkus-run.jar to start
  if [ -n "$APPS" ]; then echo "$APPS/$1/quarkus-app/quarkus-run.jar"; else echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; fi
}
for service in ingest-service processor-service query-service; do
  if [ -n "$APPS" ] && [ ! -f "$(app_jar "$service")" ]; then fail "--apps $APPS holds no $service/quarkus-app"; fi
  if [ ! -f "$(app_jar "$service")" ] || [ ! -f local-stack/target/runtime.classpath ]; then
    say "building the services (first time: a few minutes)..."
    ./mvnw -B -q -DskipTests install -pl '!system-tests,!deployment-tests,!client' || fail "the build failed"
    break
  fi
done
if [ ! -f bench/target/bench.built ] || [ -n "$(find bench/src bench/pom.xml -newer bench/target/bench.built -print -quit)" ]; then
  say "building the bench tools..."
  ./mvnw -B -q -f bench/pom.xml package || fail "the bench build failed"
  touch bench/target/bench.built
fi
# Our own build raised the load: let it settle before measuring (bounded).
for _ in $(seq 1 60); do above_max_load "$(cut -d" " -f1 /proc/loadavg)" && [ -z "$FORCE" ] || break; sleep 5; done
STACK_CP="local-stack/target/classes:$(cat local-stack/target/runtime.classpath)"
BENCH_CP="bench/target/classes:$(cat bench/target/runtime.classpath)"
# The tools that talk to Kafka act as the stack's operator (KafkaClientConfig.operatorFromEnvironment).
tool() { EYE_KAFKA_OPERATOR_PASSWORD=${EYE_KAFKA_OPERATOR_PASSWORD:-} java -Xmx512m -cp "$BENCH_CP" "io.theeye.bench.$@"; }

# --- everything below is bounded and cleaned up ------------------------------------------------
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
if above_max_load "$LOAD_BEFORE"; then
  [ -n "$FORCE" ] || fail "the load average stayed at $LOAD_BEFORE after the build (above $MAX_LOAD)"
  say "load average $LOAD_BEFORE is above $MAX_LOAD and --force was given: these figures are no result"
  NO_RESULT=" NO RESULT: forced above load $MAX_LOAD."
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/eye-bench.XXXXXX")
LOGS=$WORK/logs
SAMPLES=$WORK/samples.jsonl
mkdir -p "$LOGS" "$BENCH/results"
JFR_DIR=$BENCH/results/jfr-$STAMP
[ -z "$PROFILE" ] || mkdir -p "$JFR_DIR"
: >"$SAMPLES"
PIDS=()
WATCHDOG=""
declare -A PID_OF=()

stop_pid() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
}
stop_all() {
  local status=$?
  trap - INT TERM EXIT
  say "stopping everything the bench started..."
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[i]}"; done
  if [ -n "$WATCHDOG" ]; then
    pkill -TERM -P "$WATCHDOG" 2>/dev/null || true
    kill -TERM "$WATCHDOG" 2>/dev/null || true
  fi
  if [ "$status" = 0 ]; then
    rm -rf "$WORK"
  else
    mkdir -p "$BENCH/results/logs-$STAMP"
    cp -r "$LOGS"/. "$BENCH/results/logs-$STAMP"/ 2>/dev/null || true
    rm -rf "$WORK"
    say "failed (status $status); logs kept in bench/results/logs-$STAMP"
  fi
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# The bound: a watchdog ends the run (and the trap stops everything) after MAX_SECONDS.
exec 3>&2
( exec 2>/dev/null; sleep "$MAX_SECONDS"; echo "[bench] time limit of $MAX_SECONDS s reached" >&3; kill -TERM $$ ) &
WATCHDOG=$!
disown "$WATCHDOG"

free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
}
read -r KAFKA_PORT CONTROLLER_PORT POSTGRES_PORT INGEST_PORT PROCESSOR_PORT QUERY_PORT BARE_PORT DURABLE_PORT \
  INGEST_MANAGEMENT_PORT PROCESSOR_MANAGEMENT_PORT QUERY_MANAGEMENT_PORT <<<"$(free_ports 11)"
# Health and metrics (/q/*) are on each service's management port.
declare -A MANAGEMENT_PORT=([ingest-service]=$INGEST_MANAGEMENT_PORT [processor-service]=$PROCESSOR_MANAGEMENT_PORT
  [query-service]=$QUERY_MANAGEMENT_PORT)
ready_url() { echo "http://127.0.0.1:${MANAGEMENT_PORT[$1]}/q/health/ready"; }
# wrk at 1,024 connections needs as many sockets.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

sample() { # metric target run json-object -> one line in the samples
  python3 -c 'import json,sys; d=json.loads(sys.argv[4]); d.update(metric=sys.argv[1], target=sys.argv[2], run=int(sys.argv[3])); print(json.dumps(d))' \
    "$1" "$2" "$3" "$4" >>"$SAMPLES"
}
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
# CPU a process has used (user + system, ms): its cost per request holds up on a busy machine,
# where throughput and latency mostly measure the waiting for a core.
CLK_TCK=$(getconf CLK_TCK)
cpu_ms() { awk -v hz="$CLK_TCK" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$1/stat" 2>/dev/null || echo 0; }
with_cpu() { # json-line pid cpu-ms-before -> the line with "cpu_ms" (the process's CPU during the run)
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["cpu_ms"]=int(sys.argv[2])-int(sys.argv[3]); print(json.dumps(d))' \
    "$1" "$(cpu_ms "$2")" "$3"
}
now_ns() { date +%s%N; }
# PostgreSQL's CPU (ms): its postmaster and every backend, found from the stack's own data directory
# (other PostgreSQL servers on the machine are not counted). Backends that exit take their CPU with
# them; the processor's pool keeps its connections for the whole drain.
pg_cpu_ms() {
  local postmaster total=0
  postmaster=$(head -n 1 "$WORK/data/postgres/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do total=$((total + $(cpu_ms "$pid"))); done
  echo "$total"
}

wait_ready() { # name url pid -> seconds since $2 was launched at $4 (ns)
  local name=$1 url=$2 pid=$3 started=$4
  for _ in $(seq 1 1200); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      python3 -c "print(round(($(now_ns) - $started) / 1e9, 3))"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$LOGS/$name.log" >&2; fail "$name exited during start"; }
    sleep 0.1
  done
  tail -n 30 "$LOGS/$name.log" >&2
  fail "$name was not ready after 120 s"
}

start_service() { # service port [recording name] -> starts it, records its pid in PID_OF
  local service=$1 port=$2 recording=${3:-}
  local jfr=()
  # With --profile and a recording name, JFR records from launch (the profile settings sample
  # Java stacks every 10 ms); the file is written when the JVM stops (stop_pid sends SIGTERM).
  [ -z "$PROFILE" ] || [ -z "$recording" ] \
    || jfr=("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$JFR_DIR/$recording.jfr")
  # Each service with only its own credentials (the stack's <service>.env). The bench measures
  # capacity, so ingest's per-application rate limit (on by default in prod) is lifted.
  (
    set -a
    # shellcheck disable=SC1090
    . "$WORK/data/$service.env"
    QUARKUS_HTTP_PORT=$port
    QUARKUS_HTTP_HOST=127.0.0.1
    QUARKUS_MANAGEMENT_PORT=${MANAGEMENT_PORT[$service]}
    QUARKUS_MANAGEMENT_HOST=127.0.0.1
    EYE_INGEST_RATE_LIMIT_EVENTS_PER_SECOND=1000000000
    set +a
    exec java -Xmx384m "${jfr[@]}" -jar "$(app_jar "$service")"
  ) >>"$LOGS/$service.log" 2>&1 &
  PID_OF[$service]=$!
  PIDS+=("$!")
}

# With --profile: JFR records one phase of a running service (after its warm-up) into a file.
jfr_start() { [ -z "$PROFILE" ] || jcmd "$1" JFR.start name=bench settings=profile >/dev/null; }
jfr_stop() { [ -z "$PROFILE" ] || jcmd "$1" JFR.stop name=bench filename="$JFR_DIR/$2.jfr" >/dev/null; }

# --- the stack ---------------------------------------------------------------------------------
say "starting Kafka and PostgreSQL (throwaway data in $WORK)..."
java -Xmx512m -cp "$STACK_CP" io.theeye.localstack.LocalStackMain --data-dir "$WORK/data" \
  --kafka-port "$KAFKA_PORT" --kafka-controller-port "$CONTROLLER_PORT" --postgres-port "$POSTGRES_PORT" \
  >"$LOGS/local-stack.log" 2>&1 &
STACK_PID=$!
PIDS+=("$STACK_PID")
for _ in $(seq 1 240); do
  [ -f "$WORK/data/stack.env" ] && break
  kill -0 "$STACK_PID" 2>/dev/null || { tail -n 30 "$LOGS/local-stack.log" >&2; fail "the local stack did not start"; }
  sleep 0.5
done
[ -f "$WORK/data/stack.env" ] || fail "the local stack was not ready after 120 s"
# Not exported: the services get only their own credentials; the tools get the owner's and operator's.
# shellcheck disable=SC1091
. "$WORK/data/stack.env"
JDBC=$QUARKUS_DATASOURCE_JDBC_URL
DB_USER=$EYE_DB_OWNER_USERNAME
DB_PASSWORD=$EYE_DB_OWNER_PASSWORD

# --- services: start to ready, one at a time so they don't share the CPU while starting -------
for service in ingest-service query-service; do
  port=$([ "$service" = ingest-service ] && echo "$INGEST_PORT" || echo "$QUERY_PORT")
  say "starting $service on 127.0.0.1:$port..."
  started=$(now_ns)
  start_service "$service" "$port"
  seconds=$(wait_ready "$service" "$(ready_url "$service")" "${PID_OF[$service]}" "$started")
  sample ready "${service%-service}" 1 "{\"seconds\": $seconds}"
  say "$service ready in $seconds s"
done
java -Xmx256m -cp "$BENCH_CP" io.theeye.bench.BareEndpoint "$BARE_PORT" >"$LOGS/bare.log" 2>&1 &
BARE_PID=$!
PIDS+=("$BARE_PID")
bare_up=""
for _ in $(seq 1 100); do
  if curl -s -o /dev/null --max-time 2 -X POST --data '{}' "http://127.0.0.1:$BARE_PORT/"; then bare_up=1; break; fi
  sleep 0.2
done
[ -n "$bare_up" ] || { tail -n 20 "$LOGS/bare.log" >&2; fail "the bare endpoint did not answer"; }
# The durable ceiling writes to the raw topic like ingest, with ingest's producer settings; nothing
# consumes the topic while the single-event runs measure (the processor starts later).
EYE_KAFKA_OPERATOR_PASSWORD=${EYE_KAFKA_OPERATOR_PASSWORD:-} java -Xmx256m -cp "$BENCH_CP" io.theeye.bench.DurableEndpoint "$DURABLE_PORT" "$KAFKA_BOOTSTRAP_SERVERS" eye.events.raw \
  "${EYE_INGEST_LINGER_MS:-5}" >"$LOGS/durable.log" 2>&1 &
DURABLE_PID=$!
PIDS+=("$DURABLE_PID")
durable_up=""
for _ in $(seq 1 150); do
  if [ "$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -X POST --data '{"session_id": "s"}' "http://127.0.0.1:$DURABLE_PORT/")" = 202 ]; then
    durable_up=1; break
  fi
  sleep 0.2
done
[ -n "$durable_up" ] || { tail -n 20 "$LOGS/durable.log" >&2; fail "the durable endpoint did not answer 202"; }

# --- ingest, single events ---------------------------------------------------------------------
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))[0]))' \
  local-stack/src/main/resources/io/theeye/localstack/seed-events.json >"$WORK/event.json"
python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))[0]; print(json.dumps({"events": [e] * 500}))' \
  local-stack/src/main/resources/io/theeye/localstack/seed-events.json >"$WORK/batch.json"
export EYE_BENCH_KEY=$EYE_DEMO_APPLICATION_KEY

run_wrk() { # connections seconds url body -> the BENCH json line
  EYE_BENCH_BODY=$4 wrk -t2 -c"$1" -d"$2"s --timeout 5s -s "$BENCH/post.lua" "$3" | sed -n 's/^BENCH //p'
}
INGEST_URL=http://127.0.0.1:$INGEST_PORT/v1/events
BARE_URL=http://127.0.0.1:$BARE_PORT/v1/events
DURABLE_URL=http://127.0.0.1:$DURABLE_PORT/v1/events
check=$(curl -s -o /dev/null --max-time 10 -w '%{http_code}' -H "Authorization: Bearer $EYE_BENCH_KEY" -H 'Content-Type: application/json' \
  --data @"$WORK/event.json" "$INGEST_URL")
[ "$check" = 202 ] || fail "ingest-service answered $check to the seed event, expected 202"
say "warming up (${WARMUP} s each)..."
for url in "$BARE_URL" "$DURABLE_URL" "$INGEST_URL"; do run_wrk 256 "$WARMUP" "$url" "$WORK/event.json" >/dev/null; done
jfr_start "${PID_OF[ingest-service]}"
for run in $(seq 1 "$RUNS"); do
  for conns in $CONNECTIONS; do
    for target in bare durable ingest; do
      case $target in
        bare) url=$BARE_URL; pid=$BARE_PID ;;
        durable) url=$DURABLE_URL; pid=$DURABLE_PID ;;
        *) url=$INGEST_URL; pid=${PID_OF[ingest-service]} ;;
      esac
      cpu_before=$(cpu_ms "$pid")
      line=$(run_wrk "$conns" "$DURATION" "$url" "$WORK/event.json")
      [ -n "$line" ] || fail "wrk printed no result for $target c$conns"
      line=$(with_cpu "$line" "$pid" "$cpu_before")
      sample "single_c$conns" "$target" "$run" "$line"
      say "single c$conns $target run $run: $line"
    done
  done
done

jfr_stop "${PID_OF[ingest-service]}" ingest-single

# --- ingest, single events at fixed offered rates (open loop), against the bare endpoint ---------
for run in $(seq 1 "$RUNS"); do
  for target in bare ingest; do
    url=$([ $target = bare ] && echo "$BARE_URL" || echo "$INGEST_URL")
    # shellcheck disable=SC2086 # one argument per rate
    tool FixedRateLoad "$url" "$EYE_BENCH_KEY" "$WORK/event.json" "$RATE_WARMUP" "$RATE_DURATION" $RATES \
      2>>"$LOGS/fixed-rate.log" >"$WORK/fixed-rate.out" || fail "the fixed-rate generator failed against $target"
    while read -r line; do
      rate=$(python3 -c 'import json,sys; print(round(json.loads(sys.argv[1])["offered_per_s"]))' "$line")
      sample "rate_$rate" "$target" "$run" "$line"
      say "fixed rate $rate/s $target run $run: $line"
    done < <(grep '^{' "$WORK/fixed-rate.out")
  done
done

# --- ingest, batches, against Kafka's own producer -----------------------------------------------
BATCH_URL=http://127.0.0.1:$INGEST_PORT/v1/batch
run_wrk 8 "$WARMUP" "$BATCH_URL" "$WORK/batch.json" >/dev/null
jfr_start "${PID_OF[ingest-service]}"
for run in $(seq 1 "$RUNS"); do
  cpu_before=$(cpu_ms "${PID_OF[ingest-service]}")
  line=$(run_wrk 8 "$DURATION" "$BATCH_URL" "$WORK/batch.json")
  [ -n "$line" ] || fail "wrk printed no result for batches"
  line=$(with_cpu "$line" "${PID_OF[ingest-service]}" "$cpu_before")
  line=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["events_per_s"]=d["requests_per_s"]*500; print(json.dumps(d))' "$line")
  sample batch ingest "$run" "$line"
  say "batch run $run: $line"
  line=$(tool KafkaProducerBaseline "$KAFKA_BOOTSTRAP_SERVERS" bench.producer-baseline "$DURATION" 2>>"$LOGS/kafka-baseline.log" | tail -n 1)
  sample kafka_producer kafka "$run" "$line"
  say "kafka producer run $run: $line"
done
jfr_stop "${PID_OF[ingest-service]}" ingest-batch
sample rss ingest 1 "{\"mb\": $(rss_mb "${PID_OF[ingest-service]}")}"
sample rss query 1 "{\"mb\": $(rss_mb "${PID_OF[query-service]}")}"
sample rss bare 1 "{\"mb\": $(rss_mb "$BARE_PID")}"

# --- end to end: POST to visible in query-service, against visible in PostgreSQL -------------------
say "end to end: $E2E_RATE events/s in batches of $E2E_BATCH for $E2E_SECONDS s (+$E2E_WARMUP s warm-up), processor running..."
# The processor starts at the end of the raw topic: the load above is not its to drain.
tool RawTopicFiller "$KAFKA_BOOTSTRAP_SERVERS" "$JDBC" "$DB_USER" "$DB_PASSWORD" 0 >/dev/null 2>>"$LOGS/filler.log"
started=$(now_ns)
start_service processor-service "$PROCESSOR_PORT"
wait_ready processor-service "$(ready_url processor-service)" "${PID_OF[processor-service]}" "$started" >/dev/null
# One probe per 100 events (10 a second at 1,000 events/s), each polled every 50 ms both ways.
e2e_url=$([ "$E2E_BATCH" -gt 1 ] && echo "$BATCH_URL" || echo "$INGEST_URL")
line=$(tool EndToEndLatency "$e2e_url" "$EYE_BENCH_KEY" "http://127.0.0.1:$QUERY_PORT" "$EYE_ANALYST_TOKEN" \
  "$JDBC" "$DB_USER" "$DB_PASSWORD" "$E2E_RATE" "$E2E_WARMUP" "$E2E_SECONDS" $(((100 + E2E_BATCH - 1) / E2E_BATCH)) 50 \
  "$E2E_BATCH" 2>>"$LOGS/e2e.log" | tail -n 1)
[ -n "$line" ] || fail "the end-to-end generator printed no result"
sample e2e pipeline 1 "$line"
say "end to end: $line"
stop_pid "${PID_OF[processor-service]}"
# Ingest's load is over: free the CPU for the processor and PostgreSQL.
stop_pid "$BARE_PID"
stop_pid "$DURABLE_PID"
stop_pid "${PID_OF[ingest-service]}"

# --- processor drain, against COPY ---------------------------------------------------------------
for run in $(seq 1 "$RUNS"); do
  say "drain run $run: filling the raw topic with $DRAIN_EVENTS events (processor stopped)..."
  before=$(tool RawTopicFiller "$KAFKA_BOOTSTRAP_SERVERS" "$JDBC" "$DB_USER" "$DB_PASSWORD" "$DRAIN_EVENTS" 2>>"$LOGS/filler.log" | tail -n 1)
  pg_before=$(pg_cpu_ms)
  start_service processor-service "$PROCESSOR_PORT" "processor-service-drain$run"
  line=$(tool DrainTimer "$JDBC" "$DB_USER" "$DB_PASSWORD" "$before" "$DRAIN_EVENTS" \
    "$(ready_url processor-service)" 240 2>>"$LOGS/drain.log" | tail -n 1) \
    || { tail -n 30 "$LOGS/processor-service.log" >&2; fail "drain did not finish: $line"; }
  # CPU per event on each side: the processor's JVM (from its launch, so its start counts too) and PostgreSQL.
  line=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); n=d["events"]; d["processor_cpu_us_per_event"]=round(int(sys.argv[2])*1000/n,1); d["postgres_cpu_us_per_event"]=round((int(sys.argv[3])-int(sys.argv[4]))*1000/n,1); print(json.dumps(d))' \
    "$line" "$(cpu_ms "${PID_OF[processor-service]}")" "$(pg_cpu_ms)" "$pg_before")
  sample drain processor "$run" "$line"
  sample rss processor "$run" "{\"mb\": $(rss_mb "${PID_OF[processor-service]}")}"
  say "drain run $run: $line"
  stop_pid "${PID_OF[processor-service]}"
done
for run in $(seq 1 "$RUNS"); do
  pg_before=$(pg_cpu_ms)
  line=$(tool CopyBaseline "$JDBC" "$DB_USER" "$DB_PASSWORD" "$DRAIN_EVENTS" 2>>"$LOGS/copy.log" | tail -n 1)
  line=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["postgres_cpu_us_per_event"]=round((int(sys.argv[2])-int(sys.argv[3]))*1000/d["rows"],1); print(json.dumps(d))' \
    "$line" "$(pg_cpu_ms)" "$pg_before")
  sample copy postgres "$run" "$line"
  say "COPY run $run: $line"
done

# --- queries with QUERIES_EVENTS events stored, against the same SQL over JDBC --------------------
if [ "$QUERIES_EVENTS" -gt 0 ]; then
  say "queries: generating $QUERIES_EVENTS events over $QUERIES_DAYS days in PostgreSQL (bound $QUERIES_MAX_SECONDS s)..."
  line=$(timeout "$QUERIES_MAX_SECONDS" java -Xmx256m -cp "$BENCH_CP" io.theeye.bench.QueryDataLoader \
    "$JDBC" "$DB_USER" "$DB_PASSWORD" "$QUERIES_EVENTS" "$QUERIES_DAYS" 2 2>>"$LOGS/query-data.log" | tail -n 1) \
    || fail "generating the query benchmark's events did not finish within $QUERIES_MAX_SECONDS s (--queries-max-seconds)"
  sample query_data postgres 1 "$line"
  say "queries: $line"
  sample rss query_idle 1 "{\"mb\": $(rss_mb "${PID_OF[query-service]}")}"
  EXPLAIN_DIR=$BENCH/results/$STAMP-explain
  tool QueryLatency "http://127.0.0.1:$QUERY_PORT" "$EYE_ANALYST_TOKEN" "$JDBC" "$DB_USER" "$DB_PASSWORD" \
    "$QUERIES_DAYS" "$QUERIES_REQUESTS" "${PID_OF[query-service]}" "$EXPLAIN_DIR" "$QUERY_LOAD_SECONDS" \
    "$QUERY_LOAD_CLIENTS" 2>>"$LOGS/queries.log" >"$WORK/queries.out" || { cat "$WORK/queries.out" >&2; fail "the query benchmark failed"; }
  while read -r tag metric target json; do
    [ "$tag" = SAMPLE ] || continue
    sample "$metric" "$target" 1 "$json"
    say "queries: $metric $target $json"
  done <"$WORK/queries.out"
  sample rss query_loaded 1 "{\"mb\": $(rss_mb "${PID_OF[query-service]}")}"
fi

# --- report ---------------------------------------------------------------------------------------
{
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average before the run: $LOAD_BEFORE, load average after the run: $(cut -d" " -f1-3 /proc/loadavg).${NO_RESULT:-}"
  echo "The machine is shared and noisy and the load generator runs on the same cores: compare the ratios, not the absolute figures."
} >"$WORK/machine.txt"
[ -f "$BENCH/RESULTS.md" ] || printf '# Benchmark results\n\nAppended by `bench/run.sh`; see bench/README.md for what each line means.\n' >"$BENCH/RESULTS.md"
python3 "$BENCH/report.py" "$SAMPLES" "$BENCH/results/$STAMP.json" "$BENCH/RESULTS.md" "$WORK/machine.txt" \
  "$STAMP ($MODE: $RUNS runs, wrk ${DURATION} s each, fixed rates $RATES for ${RATE_DURATION} s each, end to end ${E2E_SECONDS} s, drain of $DRAIN_EVENTS events, $QUERIES_EVENTS events for the queries, git $(git rev-parse --short HEAD 2>/dev/null || echo unknown)${APPS:+, services from $APPS}${PROFILE:+, profiled with JFR})"
say "results: bench/results/$STAMP.json, table appended to bench/RESULTS.md"
[ -z "$PROFILE" ] || say "recordings: bench/results/jfr-$STAMP/ (python3 bench/jfr-top.py <file.jfr>)"
