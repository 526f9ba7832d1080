/* The Eye console, Live tab: tails decided events (valid and invalid) from GET /v1/live, a
   Server-Sent Events stream read with fetch (EventSource cannot send the bearer token). Loaded
   before console.js, whose helpers ($, el, fill, token, query, formParams, fmtTime, short, json,
   signOut) it uses once the page is running; console.js calls enterLive() when the tab opens.
   The newest MAX_ROWS events are shown, newest first; while paused the stream stays open and up
   to MAX_ROWS events wait (older ones are counted, not kept). */
"use strict";

const LIVE_MAX_ROWS = 500;
const LIVE_CODES = ["malformed", "missing_field", "invalid_field", "invalid_timestamp", "future_timestamp",
  "unknown_event_type", "schema_violation", "too_large", "unstorable"];

const live = {
  running: false, // a stream is wanted (the tab is open and the user has not stopped it)
  paused: false,
  controller: null, // aborts the fetch in progress
  lastId: null, // the last event received, for Last-Event-ID
  filters: {},
  waiting: [], // events received while paused
  skipped: 0, // events received while paused that did not fit
  shown: 0,
  counts: { valid: 0, invalid: 0 },
  retryIn: 1000,
  endedBecause: null, // why the server ended the last stream, when it said
  wired: false,
};

/** Opens the tab: wires it once, then streams with the filters in the form. */
function enterLive() {
  if (!live.wired) {
    live.wired = true;
    const codes = $("live-code");
    fill(codes, el("option", { value: "" }, "any"), LIVE_CODES.map((c) => el("option", { value: c }, c)));
    $("live-form").addEventListener("submit", (e) => { e.preventDefault(); restartLive(); });
    $("live-pause").addEventListener("click", togglePause);
    $("live-clear").addEventListener("click", clearLive);
  }
  if (!live.running) restartLive();
}

function restartLive() {
  stopLive();
  const params = formParams($("live-form"));
  live.filters = params;
  live.lastId = null;
  live.running = true;
  live.retryIn = 1000;
  connectLive();
}

/** Ends the stream (leaving the tab, signing out, new filters). */
function stopLive() {
  live.running = false;
  if (live.controller) live.controller.abort();
  live.controller = null;
  clearTimeout(live.timer);
}

function liveStatus(text, kind) {
  const status = $("live-status");
  status.textContent = text;
  status.className = "live-status" + (kind ? " " + kind : "");
}

async function connectLive() {
  if (!live.running) return;
  const controller = new AbortController();
  live.controller = controller;
  const headers = { Accept: "text/event-stream", Authorization: "Bearer " + token() };
  if (live.lastId) headers["Last-Event-ID"] = live.lastId;
  liveStatus("Connecting…");
  let response;
  try {
    response = await fetch("/v1/live" + query(live.filters), { headers, signal: controller.signal, cache: "no-store" });
  } catch (e) {
    return liveLost(controller, "Could not reach the server (" + e.message + ")");
  }
  if (!response.ok) {
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    const detail = body && (body.detail || body.title);
    if (response.status === 401) { stopLive(); signOut("Your token was refused (missing, expired or not trusted). Sign in again."); return; }
    if (response.status === 400 || response.status === 403) {
      live.running = false;
      liveStatus(response.status + ": " + (detail || response.statusText), "error");
      return;
    }
    const after = Number(response.headers.get("Retry-After")) || 0;
    return liveLost(controller, response.status + ": " + (detail || response.statusText), after * 1000);
  }
  try {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value.replace(/\r\n?/g, "\n");
      let end;
      while ((end = text.indexOf("\n\n")) >= 0) {
        liveMessage(text.slice(0, end));
        text = text.slice(end + 2);
      }
    }
  } catch (e) {
    if (controller.signal.aborted) return;
    return liveLost(controller, "The stream broke (" + e.message + ")");
  }
  liveLost(controller, live.endedBecause || "The server ended the stream");
}

/** One SSE message: its fields, then what it means. */
function liveMessage(block) {
  const fields = {};
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    fields[name] = fields[name] === undefined ? value : fields[name] + "\n" + value;
  }
  if (fields.data === undefined) return; // a heartbeat
  const data = JSON.parse(fields.data);
  const event = fields.event || "message";
  if (event === "status") {
    live.retryIn = 1000;
    live.endedBecause = null;
    const gap = data.resumed === false ? " (events while you were away may be missing)" : "";
    liveStatus("Live · " + data.viewers + " of " + data.max_viewers + " viewers on this server" + gap, "ok");
  } else if (event === "dropped") {
    // Too slow for the server: start afresh rather than from where this stream fell behind.
    live.lastId = null;
    live.endedBecause = "The server ended this stream: " + data.detail;
  } else if (event === "valid" || event === "invalid") {
    if (fields.id) live.lastId = fields.id;
    live.counts[event] += 1;
    const item = { kind: event, id: fields.id, record: data, at: new Date() };
    if (live.paused) {
      live.waiting.push(item);
      if (live.waiting.length > LIVE_MAX_ROWS) { live.waiting.shift(); live.skipped += 1; }
      updateLiveCounts();
    } else {
      addLiveRow(item);
    }
  }
}

/** The stream is gone: try again with backoff, continuing after the last event received. */
function liveLost(controller, why, after) {
  if (!live.running || controller !== live.controller) return;
  const wait = Math.max(after || 0, live.retryIn);
  live.retryIn = Math.min(live.retryIn * 2, 30000);
  liveStatus(why + ". Reconnecting in " + Math.round(wait / 1000) + " s…", "warn");
  live.timer = setTimeout(connectLive, wait);
}

function togglePause() {
  live.paused = !live.paused;
  $("live-pause").textContent = live.paused ? "Resume" : "Pause";
  $("live-pause").setAttribute("aria-pressed", String(live.paused));
  if (!live.paused) {
    const waiting = live.waiting;
    live.waiting = [];
    waiting.forEach(addLiveRow);
    live.skipped = 0;
  }
  updateLiveCounts();
}

function clearLive() {
  fill($("live-rows"));
  fill($("live-detail"));
  live.waiting = [];
  live.skipped = 0;
  live.shown = 0;
  live.counts = { valid: 0, invalid: 0 };
  updateLiveCounts();
}

function updateLiveCounts() {
  let text = live.counts.valid + " valid, " + live.counts.invalid + " invalid since the tab opened; " +
    live.shown + " shown (at most " + LIVE_MAX_ROWS + ")";
  if (live.paused) text += "; paused: " + live.waiting.length + " waiting" + (live.skipped ? ", " + live.skipped + " older ones skipped" : "");
  $("live-counts").textContent = text;
}

/** Puts an event at the top of the table, keeping at most LIVE_MAX_ROWS rows. */
function addLiveRow(item) {
  const r = item.record;
  const payload = item.kind === "invalid" && r.payload && typeof r.payload === "object" ? r.payload : {};
  const category = item.kind === "valid" ? r.category : payload.category;
  const name = item.kind === "valid" ? r.name : payload.name;
  const codes = item.kind === "invalid" ? [...new Set((r.errors || []).map((e) => e.code))].join(", ") : "";
  const show = () => {
    for (const other of $("live-rows").querySelectorAll(".selected")) other.classList.remove("selected");
    row.classList.add("selected");
    fill($("live-detail"), el("h2", {}, item.kind + " · " + (category || "?") + " / " + (name || "?")), json(r));
  };
  const row = el("tr", { tabindex: "0", className: "clickable live-" + item.kind, "data-event-id": r.event_id,
    onclick: show, onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(); } } },
    el("td", { className: "mono" }, fmtTime(item.at.toISOString())),
    el("td", {}, el("span", { className: "badge kind-" + item.kind }, item.kind)),
    el("td", {}, category || ""),
    el("td", {}, name || ""),
    el("td", { className: "reason" }, codes),
    el("td", { className: "mono", title: r.application_id }, short(r.application_id)),
    el("td", { className: "mono", title: r.event_id }, short(r.event_id)));
  const rows = $("live-rows");
  rows.prepend(row);
  while (rows.children.length > LIVE_MAX_ROWS) rows.lastElementChild.remove();
  live.shown = rows.children.length;
  updateLiveCounts();
}

// Leaving the tab (or signing out) ends the stream; console.js reopens it through enterLive().
window.addEventListener("hashchange", () => {
  if (!location.hash.startsWith("#live")) stopLive();
});
