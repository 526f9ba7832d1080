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


SINGLE = sorted({s["metric"] for s in samples if s["metric"].startswith("single_c")}, key=lambda m: int(m[8:]))
curves = {}  # target -> [(connections, requests/s, p99 ms)]
for m in SINGLE:
    conns = int(m[8:])
    figures = {}
    for target in ("ingest", "durable", "bare"):
        f = {k: median(m, target, k) for k in ("requests_per_s", "p50_ms", "p99_ms", "p999_ms", "non_2xx")}
        f["cpu_us_per_request"] = cpu_us(m, target, 1)
        figures[target] = f
        if f["requests_per_s"] is not None:
            curves.setdefault(target, []).append((conns, f["requests_per_s"], f["p99_ms"]))
    ing, durable, bare = figures["ingest"], figures["durable"], figures["bare"]
    record(m, connections=conns, ingest=ing, durable=durable, bare=bare, runs=len(values(m, "ingest", "requests_per_s")),
           ratio_to_durable=ratio(ing["requests_per_s"], durable["requests_per_s"]),
           cpu_ratio_to_durable=ratio(ing["cpu_us_per_request"], durable["cpu_us_per_request"]),
           ratio_to_bare=ratio(ing["requests_per_s"], bare["requests_per_s"]),
           ratio_to_django=ratio(ing["requests_per_s"], DJANGO_REQUESTS_PER_S))
    if ing["requests_per_s"] is not None:
        failed = ing["non_2xx"] or 0
        rows.append((f"ingest POST /v1/events, wrk -t2 -c{conns} (nothing consumes the topic)",
                     f"{ing['requests_per_s']:,.0f} req/s; p50 {ing['p50_ms']:.2f} / p99 {ing['p99_ms']:.2f} ms"
                     + cpu_text(ing["cpu_us_per_request"], "request") + (f"; {failed:,.0f} not 2xx" if failed else ""),
                     (f"durable ceiling (HTTP + Kafka acks=all) {durable['requests_per_s']:,.0f} req/s; p99 {durable['p99_ms']:.2f} ms"
                      + cpu_text(durable["cpu_us_per_request"], "request") if durable["requests_per_s"] else "durable ceiling n/a")
                     + f"; bare 202 endpoint {bare['requests_per_s']:,.0f} req/s" + cpu_text(bare["cpu_us_per_request"], "request"),
                     f"{ratio(ing['requests_per_s'], durable['requests_per_s'])}x durable (CPU "
                     f"{ratio(ing['cpu_us_per_request'], durable['cpu_us_per_request'])}x); "
                     f"{ratio(ing['requests_per_s'], bare['requests_per_s'])}x bare; {ratio(ing['requests_per_s'], DJANGO_REQUESTS_PER_S)}x Django (621)",
                     "≥ 0.8x durable, CPU ≤ 1.5x"))


def svg_curves(path, curves):
    """Throughput and p99 against connections for each target, side by side, as one SVG file."""
    colours = {"ingest": "#1f77b4", "durable": "#7f7f7f", "bare": "#bcbd22"}
    width, height, pad = 420, 300, 50
    xs = sorted({c for points in curves.values() for c, _, _ in points})
    if not xs:
        return False
    import math

    def panel(x0, title, index, unit):
        top = max((p[index] or 0) for points in curves.values() for p in points) or 1
        out = [f'<text x="{x0 + width / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>']
        out.append(f'<line x1="{x0 + pad}" y1="{height - pad}" x2="{x0 + width - 10}" y2="{height - pad}" stroke="#333"/>')
        out.append(f'<line x1="{x0 + pad}" y1="30" x2="{x0 + pad}" y2="{height - pad}" stroke="#333"/>')
        lx = lambda c: x0 + pad + (math.log2(c) - math.log2(xs[0])) / max(1e-9, math.log2(xs[-1]) - math.log2(xs[0])) * (width - pad - 20)
        ly = lambda v: height - pad - (v / top) * (height - pad - 40)
        for c in xs:
            out.append(f'<text x="{lx(c)}" y="{height - pad + 16}" text-anchor="middle" font-size="11">{c}</text>')
        for i in range(5):
            v = top * i / 4
            out.append(f'<text x="{x0 + pad - 4}" y="{ly(v) + 4}" text-anchor="end" font-size="10">{v:,.0f}</text>')
        out.append(f'<text x="{x0 + width / 2}" y="{height - 12}" text-anchor="middle" font-size="11">connections ({unit})</text>')
        for target, points in curves.items():
            pts = [(lx(p[0]), ly(p[index] or 0)) for p in points]
            out.append(f'<polyline fill="none" stroke="{colours.get(target, "#000")}" stroke-width="2" points="'
                       + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
            for x, y in pts:
                out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colours.get(target, "#000")}"/>')
        return out

    body = panel(0, "requests/s", 1, "req/s") + panel(width, "p99 latency", 2, "ms")
    legend = [f'<text x="{60 + i * 140}" y="{height + 14}" font-size="12" fill="{colours.get(t, "#000")}">&#9632; {t}</text>'
              for i, t in enumerate(curves)]
    with open(path, "w") as out:
        out.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * width}" height="{height + 24}" '
                  f'font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>'
                  + "".join(body + legend) + "</svg>\n")
    return True


curves_file = json_out[:-5] + "-single.svg"
has_curves = svg_curves(curves_file, curves)

def ms(figures, *fields):
    return " / ".join("n/a" if figures.get(f) is None else f"{figures[f]:.2f}" for f in fields)


rate_metrics = sorted({s["metric"] for s in samples if s["metric"].startswith("rate_")}, key=lambda m: float(m[5:]))
for m in rate_metrics:
    rate = float(m[5:])
    fields = ("requests_per_s", "p50_ms", "p99_ms", "p999_ms", "max_ms", "non_2xx", "errors")
    ing = {f: median(m, "ingest", f) for f in fields}
    bare = {f: median(m, "bare", f) for f in fields}
    record(m, offered_per_s=rate, ingest=ing, bare=bare, runs=len(values(m, "ingest", "p99_ms")),
           p50_ratio_to_bare=ratio(ing["p50_ms"], bare["p50_ms"]), p99_ratio_to_bare=ratio(ing["p99_ms"], bare["p99_ms"]))
    if ing["p99_ms"] is not None:
        failed = (ing["non_2xx"] or 0) + (ing["errors"] or 0)
        rows.append((f"ingest POST /v1/events at a fixed {rate:,.0f} req/s offered (single events, open loop)",
                     f"p50 {ms(ing, 'p50_ms', 'p99_ms', 'p999_ms')} ms (p50 / p99 / p99.9)"
                     + (f"; {failed:,.0f} failed" if failed else ""),
                     f"bare 202 endpoint at the same rate: {ms(bare, 'p50_ms', 'p99_ms', 'p999_ms')} ms",
                     f"p50 {ratio(ing['p50_ms'], bare['p50_ms'])}x, p99 {ratio(ing['p99_ms'], bare['p99_ms'])}x bare",
                     "p99 < 10 ms" if rate == 2000 else ""))

e2e_fields = ("query_p50_ms", "query_p99_ms", "query_max_ms", "query_count", "db_p50_ms", "db_p99_ms", "db_max_ms",
              "query_after_row_p50_ms", "query_after_row_p99_ms", "query_after_row_max_ms",
              "db_count", "post_p50_ms", "post_p99_ms", "post_errors", "missing_via_query", "missing_via_db",
              "offered_per_s", "batch", "seconds", "poll_ms", "probes", "pipeline_ready_s")
e2e = {f: median("e2e", "pipeline", f) for f in e2e_fields}
record("end_to_end", **e2e, p50_ratio=ratio(e2e["query_p50_ms"], e2e["db_p50_ms"]),
       p99_ratio=ratio(e2e["query_p99_ms"], e2e["db_p99_ms"]))
if e2e["query_p50_ms"] is not None:
    missing = (e2e["missing_via_query"] or 0) + (e2e["post_errors"] or 0)
    how = "single events" if (e2e["batch"] or 1) == 1 else f"batches of {e2e['batch']:.0f}"
    rows.append((f"end to end at {e2e['offered_per_s']:,.0f} events/s ({how}) for {e2e['seconds']:.0f} s: POST to visible in "
                 f"query-service's session timeline ({e2e['query_count']:,.0f} probes, polled every {e2e['poll_ms']:.0f} ms)",
                 f"p50 {ms(e2e, 'query_p50_ms', 'query_p99_ms', 'query_max_ms')} ms (p50 / p99 / max)"
                 + (f"; {missing:,.0f} probes or posts failed" if missing else ""),
                 f"POST to row visible in PostgreSQL (JDBC, polled alike): {ms(e2e, 'db_p50_ms', 'db_p99_ms', 'db_max_ms')} ms; "
                 + (f"first event stored {e2e['pipeline_ready_s']:.1f} s after the processor was ready, before the measurement; "
                    if e2e["pipeline_ready_s"] is not None else "") +
                 f"ingest answered in p50 {ms(e2e, 'post_p50_ms', 'post_p99_ms')} ms (p50 / p99)",
                 f"p50 {ratio(e2e['query_p50_ms'], e2e['db_p50_ms'])}x, p99 {ratio(e2e['query_p99_ms'], e2e['db_p99_ms'])}x "
                 "PostgreSQL", ""))
    if e2e["query_after_row_p99_ms"] is not None and e2e["db_p99_ms"] is not None:
        rows.append(("end to end without the measurement's own poll queue: the row in PostgreSQL (JDBC poll) plus "
                     "query-service's part (asked once the row exists, every 10 ms, one request per probe)",
                     f"POST to row p99 {e2e['db_p99_ms']:.0f} ms + query-service's part p50 / p99 "
                     f"{ms(e2e, 'query_after_row_p50_ms', 'query_after_row_p99_ms')} ms = "
                     f"{e2e['db_p99_ms'] + e2e['query_after_row_p99_ms']:.0f} ms (upper bound of the p99)",
                     "", "", "POST to visible p99 ≤ 1 s"))

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
drain_jvm = median("drain", "processor", "processor_cpu_us_per_event")
drain_pg = median("drain", "processor", "postgres_cpu_us_per_event")
copy_pg = median("copy", "postgres", "postgres_cpu_us_per_event")
record("drain", processor_events_per_s=drain, copy_rows_per_s=copy, ratio_to_copy=ratio(drain, copy),
       ratio_to_django=ratio(drain, DJANGO_EVENTS_PER_S), events=median("drain", "processor", "events"),
       processor_ready_s=median("drain", "processor", "ready_s"), processor_cpu_us_per_event=drain_jvm,
       postgres_cpu_us_per_event=drain_pg, copy_postgres_cpu_us_per_event=copy_pg)
if drain is not None:
    rows.append((f"processor drain of {median('drain', 'processor', 'events'):,.0f} raw events",
                 f"{drain:,.0f} events/s"
                 + (f"; CPU {drain_jvm:,.0f} µs/event in the processor JVM, {drain_pg:,.0f} µs/event in PostgreSQL"
                    if drain_jvm is not None and drain_pg is not None else ""),
                 (f"COPY into a table LIKE events: {copy:,.0f} rows/s"
                  + (f"; CPU {copy_pg:,.0f} µs/row in PostgreSQL" if copy_pg is not None else "")) if copy else "n/a",
                 f"{ratio(drain, copy)}x COPY; {ratio(drain, DJANGO_EVENTS_PER_S)}x Django (475)",
                 "≥ 0.5x COPY"))

data = {f: median("query_data", "postgres", f) for f in ("rows", "days", "load_s", "rows_per_s", "vacuum_analyze_s")}
record("query_data", **data)
if data["rows"] is not None:
    rows.append((f"query benchmark's store: {data['rows']:,.0f} events over {data['days']:.0f} days generated in PostgreSQL",
                 f"{data['load_s']:.0f} s ({data['rows_per_s']:,.0f} rows/s, with hourly counts); VACUUM (ANALYZE) {data['vacuum_analyze_s']:.0f} s",
                 "", "", ""))
floor = {f: median("query_floor", "query", f) for f in ("p50_ms", "p99_ms", "count")}
record("query_floor", **floor)
if floor["p50_ms"] is not None:
    rows.append(("HTTP floor: GET /q/health/live on query-service (no token, no database), same client, one at a time",
                 f"p50 {ms(floor, 'p50_ms', 'p99_ms')} ms (p50 / p99)", "", "", ""))
QUERIES = {"timeline": "session timeline, GET /v1/sessions/{id}/events (a random stored session, 10-50 events)",
           "category_hour": "one-hour category page, GET /v1/events?category&from&to (a random hour, first 100)",
           "day_stats": "day stats, GET /v1/stats (a random day, hour buckets, group_by=name)"}
for q, label in QUERIES.items():
    m = "query_" + q
    via = {f: median(m, "query", f) for f in ("p50_ms", "p99_ms", "count", "non_200")}
    sql = {f: median(m, "jdbc", f) for f in ("p50_ms", "p99_ms", "rows_per_ask")}
    record(m, query=via, jdbc=sql, p50_ratio=ratio(via["p50_ms"], sql["p50_ms"]), p99_ratio=ratio(via["p99_ms"], sql["p99_ms"]))
    if via["p50_ms"] is not None:
        rows.append((f"{label}, {via['count']:,.0f} requests one at a time",
                     f"p50 {ms(via, 'p50_ms', 'p99_ms')} ms (p50 / p99)" + (f"; {via['non_200']:.0f} not 200" if via["non_200"] else ""),
                     f"the same SQL over JDBC, every row read: {ms(sql, 'p50_ms', 'p99_ms')} ms",
                     f"p50 {ratio(via['p50_ms'], sql['p50_ms'])}x, p99 {ratio(via['p99_ms'], sql['p99_ms'])}x JDBC", ""))
plans = sorted({s["metric"][8:] for s in samples if s["metric"].startswith("explain_")})
explained = {}
for p in plans:
    fields = ("execution_ms", "planning_ms", "seq_scans_reading_pages", "index_scans", "sorts", "partitions_scanned",
              "shared_hit", "shared_read")
    explained[p] = {f: median("explain_" + p, "postgres", f) for f in fields}
    explained[p]["top_node"] = next((s.get("top_node") for s in samples if s["metric"] == "explain_" + p), None)
record("explain", **explained)
if explained:
    rows.append(("EXPLAIN (ANALYZE, BUFFERS), one random ask each (custom plan; files in results/)",
                 "; ".join(f"{p}: {e['execution_ms']} ms + {e['planning_ms']} ms planning, {e['partitions_scanned']:.0f} partitions, "
                           f"{e['index_scans']:.0f} index scans, {e['seq_scans_reading_pages']:.0f} seq scans reading pages, "
                           f"{e['shared_hit'] + e['shared_read']:.0f} buffers" for p, e in explained.items()),
                 "", "", "no seq scan, no large sort"))
load = {f: median("query_load", "query", f) for f in ("clients", "seconds", "requests_per_s", "errors", "p50_ms", "p99_ms",
                                                       "rss_before_mb", "rss_peak_mb", "rss_after_mb")}
record("query_load", **load)
if load["requests_per_s"] is not None:
    rows.append((f"query-service under load: {load['clients']:.0f} clients mixing the three queries for {load['seconds']:.0f} s",
                 f"{load['requests_per_s']:,.0f} req/s; p50 {ms(load, 'p50_ms', 'p99_ms')} ms (p50 / p99)"
                 + (f"; {load['errors']:.0f} errors" if load["errors"] else ""),
                 "", "", ""))
    rows.append(("query-service resident memory: idle after start / before the queries (after serving the end-to-end polls) / "
                 "peak under query load / after",
                 f"{median('rss', 'query', 'mb'):,.0f} / {load['rss_before_mb']:,.0f} / {load['rss_peak_mb']:,.0f} / "
                 f"{load['rss_after_mb']:,.0f} MB (-Xmx384m)", "", "", ""))

for service in ("ingest", "query", "processor"):
    ready = median("ready", service, "seconds") or (median("drain", "processor", "ready_s") if service == "processor" else None)
    rss = median("rss", service, "mb")
    record(service + "_process", ready_s=ready, rss_mb=rss)
    if ready is not None or rss is not None:
        when = {"ingest": "after the ingest load", "query": "idle, after start",
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
    curves_link = (f"\n\nSingle events against connections: ![throughput and p99 against connections]"
                   f"({curves_file.split('/bench/')[-1]})") if has_curves else ""
    out.write(f"\n## {result['options']}\n\n{machine}\n\n{text}{curves_link}\n\nSamples and medians: `{json_out.split('/bench/')[-1]}`.\n")
print(text)
