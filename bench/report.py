#!/usr/bin/env python3
"""Turns the bench's samples (one JSON object per line) into medians, ratios, a JSON file and a
Markdown table. Usage: report.py SAMPLES JSON_OUT MARKDOWN_APPEND MACHINE_FILE OPTIONS."""
import json
import statistics
import sys

samples_file, json_out, markdown_out, machine_file, options = sys.argv[1:6]
samples = [json.loads(line) for line in open(samples_file) if line.strip()]
machine = open(machine_file).read().strip()

DJANGO_REQUESTS_PER_S = 621.0
DJANGO_EVENTS_PER_S = 475.0


def values(metric, target, field):
    return [s[field] for s in samples if s["metric"] == metric and s["target"] == target and field in s]


def median(metric, target, field):
    found = values(metric, target, field)
    return statistics.median(found) if found else None


def cpu_us(metric, target, per):
    """Median CPU of the process per request (or per event), in microseconds; '' when not measured."""
    found = [s["cpu_ms"] * 1000.0 / (s["requests"] * per) for s in samples
             if s["metric"] == metric and s["target"] == target and "cpu_ms" in s and s.get("requests")]
    return statistics.median(found) if found else None


def cpu_text(us, unit):
    return f"; CPU {us:,.0f} µs/{unit}" if us is not None else ""


def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


rows = []  # (measurement, figure, baseline figure, ratio, target)
result = {"options": options, "machine": machine, "measurements": {}, "samples": samples}


def record(name, **figures):
    result["measurements"][name] = figures


for conns in ("c32", "c4"):
    m = "single_" + conns
    ing = {f: median(m, "ingest", f) for f in ("requests_per_s", "p50_ms", "p99_ms", "p999_ms", "non_2xx")}
    bare = {f: median(m, "bare", f) for f in ("requests_per_s", "p50_ms", "p99_ms", "p999_ms")}
    ing["cpu_us_per_request"] = cpu_us(m, "ingest", 1)
    bare["cpu_us_per_request"] = cpu_us(m, "bare", 1)
    record(m, ingest=ing, bare=bare, runs=len(values(m, "ingest", "requests_per_s")),
           ratio_to_bare=ratio(ing["requests_per_s"], bare["requests_per_s"]),
           ratio_to_django=ratio(ing["requests_per_s"], DJANGO_REQUESTS_PER_S))
    if ing["requests_per_s"] is not None:
        rows.append((f"ingest POST /v1/events, wrk -t2 -{conns}",
                     f"{ing['requests_per_s']:,.0f} req/s; p50 {ing['p50_ms']:.2f} / p99 {ing['p99_ms']:.2f} / p99.9 {ing['p999_ms']:.2f} ms"
                     + cpu_text(ing["cpu_us_per_request"], "request"),
                     f"bare 202 endpoint {bare['requests_per_s']:,.0f} req/s; p99 {bare['p99_ms']:.2f} ms"
                     + cpu_text(bare["cpu_us_per_request"], "request"),
                     f"{ratio(ing['requests_per_s'], bare['requests_per_s'])}x bare; {ratio(ing['requests_per_s'], DJANGO_REQUESTS_PER_S)}x Django (621)",
                     "≥ 0.5x bare, ≥ 25x Django" if conns == "c32" else "(latency at light load)"))

batch = median("batch", "ingest", "events_per_s")
kafka = median("kafka_producer", "kafka", "records_per_s")
batch_cpu = cpu_us("batch", "ingest", 500)
record("batch", ingest_events_per_s=batch, kafka_producer_records_per_s=kafka, ratio_to_kafka=ratio(batch, kafka),
       ingest_cpu_us_per_event=batch_cpu,
       record_bytes=median("kafka_producer", "kafka", "record_bytes"))
if batch is not None:
    rows.append(("ingest POST /v1/batch (500 events), wrk -t2 -c8", f"{batch:,.0f} events/s" + cpu_text(batch_cpu, "event"),
                 f"Kafka producer, same settings and envelope: {kafka:,.0f} records/s" if kafka else "n/a",
                 f"{ratio(batch, kafka)}x Kafka", "≥ 0.5x Kafka"))

drain = median("drain", "processor", "events_per_s")
copy = median("copy", "postgres", "rows_per_s")
record("drain", processor_events_per_s=drain, copy_rows_per_s=copy, ratio_to_copy=ratio(drain, copy),
       ratio_to_django=ratio(drain, DJANGO_EVENTS_PER_S), events=median("drain", "processor", "events"),
       processor_ready_s=median("drain", "processor", "ready_s"))
if drain is not None:
    rows.append((f"processor drain of {median('drain', 'processor', 'events'):,.0f} raw events", f"{drain:,.0f} events/s",
                 f"COPY into a table LIKE events: {copy:,.0f} rows/s" if copy else "n/a",
                 f"{ratio(drain, copy)}x COPY; {ratio(drain, DJANGO_EVENTS_PER_S)}x Django (475)",
                 "≥ 0.3x COPY, ≥ 40x Django"))

for service in ("ingest", "query", "processor"):
    ready = median("ready", service, "seconds") or (median("drain", "processor", "ready_s") if service == "processor" else None)
    rss = median("rss", service, "mb")
    record(service + "_process", ready_s=ready, rss_mb=rss)
    if ready is not None or rss is not None:
        when = {"ingest": "after the ingest load", "query": "idle (no query load yet)",
                "processor": "at the end of each drain"}[service]
        rows.append((f"{service}-service start to ready; resident memory {when}",
                     f"{ready:.1f} s; {rss:,.0f} MB" if ready is not None and rss is not None else f"{ready} s; {rss} MB",
                     "", "", ""))
bare_rss = median("rss", "bare", "mb")
record("bare_process", rss_mb=bare_rss)

json.dump(result, open(json_out, "w"), indent=2)
table = ["| measurement | median | baseline (same run) | ratio | target |", "|---|---|---|---|---|"]
table += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
text = "\n".join(table)
with open(markdown_out, "a") as out:
    out.write(f"\n## {result['options']}\n\n{machine}\n\n{text}\n\nSamples and medians: `{json_out.split('/bench/')[-1]}`.\n")
print(text)
