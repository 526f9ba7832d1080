/* The Eye console: the overview, the landing view. Is data flowing, which application sends bad
   data, which incidents are open, is the processor behind: from GET /v1/overview (query-service,
   arrival clock) and GET /v1/backlog (processor-service, its own figures), refreshed every 10 s
   while the view is shown. Each tile links to the view that explains it. Uses console.js's
   helpers (el, fill, api, barChart) and viewstate.js's; loaded before console.js. */
"use strict";

const OVERVIEW_REFRESH_MS = 10000;
const overviewState = { timer: null, seq: 0 };

function enterOverview() {
  loadOverview();
  if (!overviewState.timer) {
    overviewState.timer = setInterval(() => {
      if ($("view-overview").hidden || !token()) {
        clearInterval(overviewState.timer);
        overviewState.timer = null;
        return;
      }
      loadOverview();
    }, OVERVIEW_REFRESH_MS);
  }
}

async function loadOverview() {
  const seq = ++overviewState.seq;
  const target = $("overview");
  if (!target.children.length) fill(target, loading());
  const backlog = processorBase()
    .then((base) => api("/v1/backlog", { base }).then((report) => ({ report, base })))
    .catch((error) => ({ error }));
  try {
    const data = await api("/v1/overview");
    const backlogAnswer = await backlog;
    if (seq !== overviewState.seq) return; // a newer refresh has started
    fill(target, throughputTile(data), applicationsTile(data), incidentsTile(data), silentTile(data),
      backlogTile(backlogAnswer));
    $("overview-status").textContent = "As of " + fmtTime(data.generated_at).slice(11, 19) +
      " UTC; refreshes every " + OVERVIEW_REFRESH_MS / 1000 + " s.";
  } catch (e) {
    if (seq === overviewState.seq) fill(target, failure(e));
  }
}

// ---------------------------------------------------------------- formatting

const count = (n) => Number(n).toLocaleString("en-US");
const percent = (share) => share === null || share === undefined ? "–" : (share * 100).toFixed(share < 0.1 ? 1 : 0) + "%";

/** "3 min ago", to the minute (the counts are per minute), from the overview's own time. */
function ago(iso, now) {
  if (!iso) return "not within the day";
  const minutes = Math.floor((Date.parse(now) - Date.parse(iso)) / 60000);
  if (minutes < 1) return "this minute";
  return (minutes < 60 ? "" : Math.floor(minutes / 60) + " h ") + (minutes % 60) + " min ago";
}

function applicationLabel(id, name) {
  if (name) return name;
  return id === "00000000-0000-0000-0000-000000000000" ? "unknown (not an envelope)" : "unregistered " + short(id);
}

function tile(id, title, note, ...body) {
  return el("section", { className: "tile", id: "tile-" + id, "aria-labelledby": "tile-" + id + "-title" },
    el("h2", { id: "tile-" + id + "-title" }, title), note ? el("p", { className: "hint" }, note) : null, body);
}

/** The clock of a tile's counts, said once under its title. */
function clockLine(clock) {
  return el("p", { className: "clock-line" }, clockNote(clock));
}

const link = (href, text) => el("a", { href, className: "more" }, text);

/** Valid and invalid events per step, stacked: valid in the neutral blue, invalid in red. */
function validInvalidChart(window, label) {
  const series = window.steps.flatMap((s) => [
    { start: s.start, key: "valid", count: s.valid },
    { start: s.start, key: "invalid", count: s.invalid }]).filter((p) => p.count);
  const step = window.step === "minute" ? 60 * 1000 : 3600 * 1000;
  return barChart(series, { from: window.from, to: window.to, step, label,
    colors: { valid: VALID_COLOR, invalid: INVALID_COLOR }, emptyText: "No events arrived in this period." });
}

// ---------------------------------------------------------------- tiles

function throughputTile(data) {
  const hour = data.last_hour, day = data.last_day;
  const events = (w) => w.totals.valid + w.totals.invalid;
  const perMinute = (w) => {
    const rate = events(w) / (periodMs(w) / 60000);
    return rate >= 10 ? count(Math.round(rate)) : rate.toFixed(1);
  };
  const figure = (w, name) => el("p", { className: "figure" },
    el("strong", { "data-count": name }, count(events(w))), " events accepted (",
    el("span", { "data-count": name + "-invalid", className: "invalid-count" }, count(w.totals.invalid)),
    " invalid, " + percent(w.totals.invalid_share) + "), " + perMinute(w) + " per minute");
  return tile("throughput", "Events accepted", null, clockLine(data.clock),
    el("div", { className: "periods" },
      el("div", {}, el("h3", {}, "Last hour, per minute"), figure(hour, "last-hour"),
        validInvalidChart(hour, "events per minute, last hour")),
      el("div", {}, el("h3", {}, "Last 24 hours, per hour"), figure(day, "last-day"),
        validInvalidChart(day, "events per hour, last 24 hours"))),
    el("p", {}, link(viewHash("volume", { range: "24h", group_by: "category" }), "Volume by category (event time)"), " · ",
      link(viewHash("errors", { range: "custom", from: hour.from, to: hour.to, clock: "arrival" }),
        "The invalid events that arrived in the last hour")));
}

function periodMs(window) {
  return Date.parse(window.to) - Date.parse(window.from);
}

/** A share per hour as small bars (red: the share of invalid events), for the trend at a glance. */
function shareSparkline(shares) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const width = 96, height = 20, slot = width / shares.length;
  const max = Math.max(0.01, ...shares.filter((s) => s !== null));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("class", "spark");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "invalid share per hour over the last 24 hours, highest " + percent(max));
  const base = document.createElementNS(ns, "line");
  for (const [k, v] of Object.entries({ x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5, class: "axis" })) base.setAttribute(k, v);
  svg.append(base);
  shares.forEach((share, i) => {
    if (!share) return;
    const bar = document.createElementNS(ns, "rect");
    const h = Math.max(1, (share / max) * (height - 2));
    for (const [k, v] of Object.entries({ x: i * slot + 0.5, y: height - 1 - h, width: Math.max(1, slot - 1), height: h, fill: INVALID_COLOR })) {
      bar.setAttribute(k, v);
    }
    svg.append(bar);
  });
  return svg;
}

function trend(now, before) {
  if (now.invalid_share === null || before.invalid_share === null) return el("span", { className: "muted" }, "–");
  const diff = now.invalid_share - before.invalid_share;
  const arrow = Math.abs(diff) < 0.005 ? "→" : diff > 0 ? "↑" : "↓";
  return el("span", { className: diff >= 0.005 ? "trend up" : "trend", title: "the hour before: " + percent(before.invalid_share) },
    arrow + " from " + percent(before.invalid_share));
}

function applicationsTile(data) {
  if (!data.applications.length) {
    return tile("applications", "Invalid share per application", null, clockLine(data.clock), empty("No applications yet."));
  }
  const rows = data.applications.map((a) => {
    const flagged = a.open_incidents.includes("invalid_share");
    const errorsLink = viewHash("errors", { range: "24h", clock: "arrival", application: a.application_id });
    return el("tr", { "data-application": a.application_id },
      el("td", {}, el("a", { href: errorsLink, title: a.application_id }, applicationLabel(a.application_id, a.name)),
        a.status === "active" ? null : el("span", { className: "badge " + a.status }, a.status)),
      el("td", { className: "num" + (flagged ? " invalid-count" : "") },
        el("strong", {}, percent(a.last_hour.invalid_share)),
        el("span", { className: "muted" }, " " + count(a.last_hour.invalid) + " of " + count(a.last_hour.valid + a.last_hour.invalid)),
        flagged ? el("span", { className: "badge incident" }, "incident") : null),
      el("td", {}, trend(a.last_hour, a.previous_hour)),
      el("td", { className: "num" }, percent(a.last_day.invalid_share),
        el("span", { className: "muted" }, " of " + count(a.last_day.valid + a.last_day.invalid))),
      el("td", {}, shareSparkline(a.invalid_share_by_hour)),
      el("td", { className: "muted" }, ago(a.last_event_at, data.generated_at)));
  });
  return tile("applications", "Invalid share per application",
    "Open incidents first, then the highest share over the last hour. Each name opens its invalid events.",
    clockLine(data.clock),
    el("table", { className: "applications-health" },
      el("thead", {}, el("tr", {}, ["Application", "Last hour", "Trend", "24 hours", "Per hour (24 h)", "Last event"]
        .map((h, i) => el("th", { className: i === 1 || i === 3 ? "num" : null }, h)))),
      el("tbody", {}, rows)));
}

function silentTile(data) {
  const silent = data.incidents.filter((i) => i.kind === "silent" && !i.closed_at);
  const byId = new Map(data.applications.map((a) => [a.application_id, a]));
  const idle = data.applications.filter((a) => a.status === "active" && !a.last_event_at &&
    !silent.some((i) => i.application_id === a.application_id));
  const explore = (id) => viewHash("explorer", { application: id, range: "7d" });
  return tile("silent", "Applications gone silent",
    "Silent as the processor judges it: events within the day, none lately (its quality check). Each name opens its latest events.",
    silent.length
      ? el("ul", { className: "plain" }, silent.map((i) => el("li", { className: "silent", "data-application": i.application_id },
        el("a", { href: explore(i.application_id) }, applicationLabel(i.application_id, i.application_name)),
        " silent since " + fmtTime(i.opened_at).slice(0, 16) + "; last event " +
          ago((byId.get(i.application_id) || {}).last_event_at, data.generated_at))))
      : el("p", { className: "ok" }, "None: every application that sent events within the day is still sending."),
    idle.length
      ? el("p", { className: "muted" }, "Registered, nothing within the day: ",
        idle.map((a, n) => [n ? ", " : "", el("a", { href: explore(a.application_id) }, applicationLabel(a.application_id, a.name))]))
      : null);
}

function incidentsTile(data) {
  const kinds = { invalid_share: "invalid share", silent: "silent" };
  const measure = (kind, value) => value === null || value === undefined ? "–"
    : kind === "invalid_share" ? percent(value) : fmtGap(value * 1000) + " without events";
  const rows = data.incidents.map((i) => {
    const open = !i.closed_at;
    // The invalid events from the hour before it opened (what opened it) until it resolved.
    const explain = i.kind === "invalid_share"
      ? viewHash("errors", { range: "custom", from: new Date(Date.parse(i.opened_at) - 3600 * 1000).toISOString(),
        to: i.closed_at || undefined, clock: "arrival", application: i.application_id })
      : viewHash("explorer", { application: i.application_id, range: "7d" });
    return el("tr", { className: open ? "open " + i.kind : "resolved", "data-incident": i.id, "data-kind": i.kind,
      "data-application": i.application_id },
      el("td", {}, el("span", { className: "badge " + (open ? i.kind : "resolved") }, kinds[i.kind] || i.kind)),
      el("td", {}, el("a", { href: explain }, applicationLabel(i.application_id, i.application_name))),
      el("td", { className: "mono" }, fmtTime(i.opened_at).slice(0, 16)),
      el("td", { className: "state" }, open ? "open for " + fmtGap(Date.parse(data.generated_at) - Date.parse(i.opened_at))
        : "resolved " + fmtTime(i.closed_at).slice(0, 16)),
      el("td", {}, measure(i.kind, i.value) + (open || i.closed_value === null ? "" : " → " + measure(i.kind, i.closed_value))));
  });
  return tile("incidents", "Data-quality incidents",
    "Opened and resolved by the processor's quality check; open ones first, then those resolved within the day.",
    rows.length
      ? el("table", { className: "incidents" },
        el("thead", {}, el("tr", {}, ["Kind", "Application", "Since (UTC)", "State", "Measured"].map((h) => el("th", {}, h)))),
        el("tbody", {}, rows))
      : el("p", { className: "ok" }, "No incident open, none resolved within the day."));
}

function backlogTile(answer) {
  const title = "Processor backlog";
  if (answer.error) {
    return tile("backlog", title, null, failure(new Error("Backlog unavailable: " + answer.error.message)));
  }
  const report = answer.report;
  const held = report.partitions.map((p) => p.partition);
  const totalLag = report.partitions.reduce((sum, p) => sum + (p.lag || 0), 0);
  const seconds = (s) => s === null || s === undefined ? "–" : s < 1 ? "0 s" : fmtGap(Math.round(s * 1000));
  return tile("backlog", title,
    "From the processor's own figures (" + (answer.base || location.origin) + "/v1/backlog). With several " +
      "replicas each answers for the partitions it holds: this is replica " + report.replica + "'s share.",
    el("p", { className: "figure" }, el("strong", { "data-count": "lag" }, count(totalLag)),
      " records behind on " + held.length + " partition" + (held.length === 1 ? "" : "s") + " (" +
      report.consumers + " consumer" + (report.consumers === 1 ? "" : "s") + "), measured " +
      fmtTime(report.measured_at).slice(11, 19) + " UTC"),
    held.length ? backlogTable(report.partitions, seconds) : empty("This replica holds no partition yet."));
}

/** One column per partition (a dozen fit across the page), one row per figure. */
function backlogTable(partitions, seconds) {
  const row = (label, value) => el("tr", {}, el("th", { scope: "row" }, label),
    partitions.map((p) => el("td", { className: "num" + (p.retrying_seconds > 0 ? " retrying" : ""),
      "data-partition": p.partition }, value(p))));
  return el("table", { className: "backlog" },
    el("thead", {}, el("tr", {}, el("th", {}, "Partition"),
      partitions.map((p) => el("th", { className: "num", scope: "col" }, String(p.partition))))),
    el("tbody", {},
      row("Lag (records)", (p) => p.lag === null ? "–" : count(p.lag)),
      row("Oldest unprocessed", (p) => seconds(p.oldest_unprocessed_age_seconds)),
      row("Retrying", (p) => p.retrying_seconds > 0 ? seconds(p.retrying_seconds) : "no")));
}
