/* The Eye console: a static page over query-service's JSON API (and processor-service's replay
   and backlog). Plain JavaScript, no build step. The token lives in sessionStorage; the server
   enforces roles. The server's Content-Security-Policy forbids inline scripts and styles: styles
   are set through the DOM (element.style), never as markup, and where the replay goes is the
   server's setting. viewstate.js (URL state, time presets) and the views in their own files
   (overview.js) are loaded first. */
"use strict";

const TOKEN_KEY = "eye.token";
const VIEWS = ["signin", "overview", "explorer", "session", "errors", "volume", "live", "admin"];
// Categories, applications, codes: Paul Tol's muted scheme, readable with colour blindness, without
// its reds and sands. Red and amber mean invalid data and incidents, nothing else (console.css).
const PALETTE = ["#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#aa4499", "#6f7f8f"];
const VALID_COLOR = "#4477aa";
const INVALID_COLOR = "#c0392b";

const $ = (id) => document.getElementById(id);

/** Builds an element; children are nodes or strings (always text, never HTML). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "className") node.className = value;
    else if (key === "style") node.style.cssText = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function fill(container, ...children) {
  container.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null));
}

const empty = (text) => el("p", { className: "empty" }, text);
const failure = (error) => el("p", { className: "error", role: "alert" }, error.message || String(error));
const loading = () => el("p", { className: "loading" }, "Loading…");

// ---------------------------------------------------------------- auth

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The JWT payload, for display only (the server verifies the signature). */
function claims(jwt) {
  try {
    const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch (e) {
    return null;
  }
}

function roles() {
  const c = claims(token() || "");
  return (c && Array.isArray(c.groups)) ? c.groups : [];
}

const isAdmin = () => roles().includes("admin");

function showBanner(message) {
  const banner = $("banner");
  banner.textContent = message || "";
  banner.hidden = !message;
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  showBanner(message);
  location.hash = "";
  route();
}

/** Calls a JSON endpoint; a non-2xx answer throws with the problem+json detail. */
async function api(path, options = {}) {
  const base = options.base || "";
  const headers = { Accept: "application/json", Authorization: "Bearer " + token() };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(base + path, {
      method: options.method || "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    throw new Error("Could not reach " + (base || "the server") + " (" + e.message + ")");
  }
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
  if (!response.ok) {
    if (response.status === 401 && !base) {
      signOut("Your token was refused (missing, expired or not trusted). Sign in again.");
    }
    const detail = body && (body.detail || body.title);
    let message = response.status + (detail ? ": " + detail : " " + response.statusText);
    if (response.status === 403) message = "403: your role may not do this" + (detail ? " (" + detail + ")" : "");
    const error = new Error(message);
    error.body = body;
    throw error;
  }
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.append(k, v);
  const s = q.toString();
  return s ? "?" + s : "";
}

/** Form fields as parameters (a radio group as its checked value); datetime-local values are read as UTC. */
function formParams(form) {
  const params = {};
  for (const input of form.elements) {
    if (!input.name || input.type === "submit" || (input.type === "radio" && !input.checked)) continue;
    let value = input.type === "checkbox" ? input.checked : input.value.trim();
    if (input.type === "datetime-local" && value) value = (value.length === 16 ? value + ":00" : value) + "Z";
    params[input.name] = value;
  }
  return params;
}

const fmtTime = (iso) => iso ? iso.replace("T", " ").replace(/(\.\d{3})\d*Z$/, "$1Z") : "";
const short = (uuid) => uuid ? String(uuid).slice(0, 8) : "";

function fmtGap(ms) {
  if (ms < 1000) return ms + " ms";
  const s = Math.round(ms / 1000);
  if (s < 60) return s + " s";
  if (s < 3600) return Math.floor(s / 60) + " min " + (s % 60) + " s";
  if (s < 86400) return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
  return Math.floor(s / 86400) + " d " + Math.floor((s % 86400) / 3600) + " h";
}

const json = (value) => el("pre", { className: "json" }, JSON.stringify(value, null, 2));

// ---------------------------------------------------------------- routing

function route() {
  const signedIn = !!token();
  const { view, arg, params } = hashState();
  let name = signedIn ? (VIEWS.includes(view) && view !== "signin" ? view : "overview") : "signin";
  if (name === "admin" && !isAdmin()) name = "overview";
  for (const v of VIEWS) $("view-" + v).hidden = v !== name;
  $("tabs").hidden = !signedIn;
  $("sign-out").hidden = !signedIn;
  $("admin-tab").hidden = !isAdmin();
  const c = claims(token() || "");
  $("who").textContent = signedIn && c ? (c.upn || c.preferred_username || c.sub || "") + " · " + roles().join(", ") : "";
  for (const a of document.querySelectorAll("#tabs a")) {
    if (a.dataset.view === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = "The Eye · " + name;
  if (name === "signin") { $("token").focus(); return; }
  const enter = { overview: enterOverview, explorer: enterExplorer, session: enterSession, errors: enterErrors,
    volume: enterVolume, live: enterLive, admin: enterAdmin }[name];
  enter(arg, params);
}

const entered = new Set();
function once(name, action) {
  if (!entered.has(name)) { entered.add(name); action(); }
}

// ---------------------------------------------------------------- explorer

const explorer = { cursors: [], params: {} };

/** Shows the events the URL's filters ask for (all time unless a range is given). */
function enterExplorer(arg, params) {
  const key = viewHash("explorer", params);
  if (explorer.key === key) return;
  explorer.key = key;
  const form = $("explorer-form");
  restoreForm(form, params);
  rememberView("explorer", params);
  let range;
  try {
    range = resolveRange(params, "all");
  } catch (e) {
    fill($("explorer-results"), failure(e));
    return;
  }
  loadEvents({ session_id: params.session_id, application: params.application, category: params.category,
    name: params.name, from: range.from, to: range.to, limit: params.limit || 50 });
}

async function loadEvents(params, cursor) {
  explorer.params = params;
  const seq = (explorer.seq = (explorer.seq || 0) + 1);
  const target = $("explorer-results");
  fill(target, loading());
  try {
    const page = await api("/v1/events" + query({ ...params, cursor }));
    if (seq !== explorer.seq) return; // a newer search has started
    explorer.next = page.next_cursor;
    $("explorer-next").hidden = !page.next_cursor;
    $("explorer-first").hidden = !cursor;
    if (!page.events.length) {
      fill(target, empty(cursor ? "No more events." : "No events match these filters."));
      return;
    }
    fill(target, eventTable(page.events, $("explorer-detail")));
  } catch (e) {
    fill(target, failure(e));
  }
}

function eventTable(events, detail) {
  const rows = events.map((event) => {
    const show = () => {
      for (const r of rows) r.classList.remove("selected");
      row.classList.add("selected");
      fill(detail, el("h2", {}, event.category + " / " + event.name),
        el("p", {}, el("a", { href: "#session/" + event.session_id }, "Open session " + short(event.session_id))),
        json(event));
    };
    const row = el("tr", { tabindex: "0", className: "clickable", onclick: show,
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(); } } },
      el("td", { className: "mono" }, fmtTime(event.timestamp)),
      el("td", {}, event.category),
      el("td", {}, event.name),
      el("td", { className: "mono" }, el("a", { href: "#session/" + event.session_id, title: event.session_id,
        onclick: (e) => e.stopPropagation() }, short(event.session_id))),
      el("td", { className: "mono", title: event.application_id }, short(event.application_id)));
    return row;
  });
  fill(detail, empty("Click an event (or focus it and press Enter) to see all its data."));
  return el("table", { className: "events" },
    el("thead", {}, el("tr", {}, ["Time (UTC)", "Category", "Name", "Session", "Application"].map((h) => el("th", {}, h)))),
    el("tbody", {}, rows));
}

// ---------------------------------------------------------------- session

const session = {};

function enterSession(id) {
  if (id && id !== session.id) {
    $("session-id").value = id;
    loadSession(id);
  } else if (!session.id) {
    fill($("session-summary"), empty("Enter a session id, or open one from the explorer."));
    $("session-id").focus();
  }
}

async function loadSession(id, cursor) {
  session.id = id;
  const list = $("session-timeline");
  if (!cursor) { fill(list); session.last = null; fill($("session-detail")); }
  fill($("session-summary"), loading());
  try {
    const page = await api("/v1/sessions/" + encodeURIComponent(id) + "/events" + query({ cursor, limit: 500 }));
    $("session-next").hidden = !page.next_cursor;
    session.next = page.next_cursor;
    if (!page.count) { fill($("session-summary"), empty("No events in this session.")); return; }
    const span = new Date(page.last_at) - new Date(page.first_at);
    fill($("session-summary"), el("p", {}, page.count + " events from " + fmtTime(page.first_at) + " to " +
      fmtTime(page.last_at) + " (" + fmtGap(span) + ")"));
    for (const event of page.events) {
      const at = new Date(event.timestamp);
      if (session.last) {
        const gap = at - session.last;
        const long = gap >= 5 * 60 * 1000;
        list.append(el("li", { className: "gap" + (long ? " long" : ""),
          style: "height:" + Math.min(4, 0.6 + Math.log10(1 + gap / 1000)) + "em" }, "+ " + fmtGap(gap)));
      }
      session.last = at;
      const item = el("li", { className: "event clickable", tabindex: "0" },
        el("span", { className: "mono" }, fmtTime(event.timestamp)), " ",
        el("strong", {}, event.name), " ", el("span", { className: "muted" }, event.category));
      const show = () => {
        for (const i of list.querySelectorAll(".selected")) i.classList.remove("selected");
        item.classList.add("selected");
        fill($("session-detail"), json(event));
      };
      item.addEventListener("click", show);
      item.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(); } });
      list.append(item);
    }
  } catch (e) {
    fill($("session-summary"), failure(e));
  }
}

// ---------------------------------------------------------------- charts

/** Stacked bars per bucket as inline SVG; series is [{start, key, count}]. */
function barChart(series, options = {}) {
  if (!series.length) return empty(options.emptyText || "Nothing in this range.");
  // Every bucket of the range gets a slot, so empty hours show as gaps rather than vanish.
  series = series.map((p) => ({ ...p, start: Date.parse(p.start) }));
  let starts = [...new Set(series.map((p) => p.start))].sort((a, b) => a - b);
  if (options.from && options.to && options.step) {
    const all = [];
    for (let t = Date.parse(options.from); t < Date.parse(options.to) && all.length < 800; t += options.step) all.push(t);
    if (all.length && all.length < 800) starts = [...new Set([...all, ...starts])].sort((a, b) => a - b);
  }
  const iso = (t) => new Date(t).toISOString();
  // Keys with a colour of their own (options.colors: valid, then invalid) stack last, in that order.
  const fixed = options.colors || {};
  const rank = (key) => Object.keys(fixed).indexOf(key);
  const order = (a, b) => (a in fixed) - (b in fixed) || rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  const keys = [...new Set(series.map((p) => p.key))].sort(order);
  const categories = keys.filter((key) => !(key in fixed));
  const color = (key) => fixed[key] || PALETTE[categories.indexOf(key) % PALETTE.length];
  const totals = new Map(starts.map((s) => [s, 0]));
  for (const p of series) totals.set(p.start, totals.get(p.start) + p.count);
  const max = Math.max(1, ...totals.values());
  const width = 640, height = 180, left = 44, bottom = 22;
  const slot = (width - left) / starts.length;
  const bar = Math.max(1, Math.min(48, slot * 0.8));
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("class", "chart");
  svg.setAttribute("aria-label", (options.label || "chart") + ": " + keys.length + " series, " + starts.length + " buckets, peak " + max);
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  const plot = height - bottom - 8;
  add("line", { x1: left, y1: 8, x2: left, y2: 8 + plot, class: "axis" });
  add("line", { x1: left, y1: 8 + plot, x2: width, y2: 8 + plot, class: "axis" });
  add("text", { x: left - 4, y: 14, "text-anchor": "end", class: "tick" }, String(max));
  add("text", { x: left - 4, y: 8 + plot, "text-anchor": "end", class: "tick" }, "0");
  add("text", { x: left, y: height - 4, class: "tick" }, fmtTime(iso(starts[0])).slice(0, 16));
  if (starts.length > 1) add("text", { x: width, y: height - 4, "text-anchor": "end", class: "tick" }, fmtTime(iso(starts[starts.length - 1])).slice(0, 16));
  starts.forEach((start, i) => {
    let y = 8 + plot;
    for (const key of keys) {
      const count = series.filter((p) => p.start === start && p.key === key).reduce((a, p) => a + p.count, 0);
      if (!count) continue;
      const h = Math.max(1, (count / max) * plot);
      y -= h;
      const rect = add("rect", { x: left + i * slot + (slot - bar) / 2, y, width: bar, height: h, fill: color(key) });
      const title = document.createElementNS(ns, "title");
      title.textContent = fmtTime(iso(start)) + " · " + key + ": " + count;
      rect.append(title);
    }
  });
  const legend = el("ul", { className: "legend" }, keys.map((key) =>
    el("li", {}, el("span", { className: "swatch", style: "background:" + color(key) }), key || "(empty)")));
  return el("div", {}, svg, legend);
}

// ---------------------------------------------------------------- errors

const errors = {};

/** What the server decides for the console (where replays go), read once. */
let settingsLoaded = null;
function settings() {
  if (!settingsLoaded) {
    settingsLoaded = fetch("/console/settings", { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}));
  }
  return settingsLoaded;
}

/** The processor's base URL for replays: the server's setting, or this origin when it has none. */
async function processorBase() {
  return ((await settings()).processor_url || "").replace(/\/+$/, "");
}

/** Shows the error monitor for the URL's range, clock and filters; only the samples reload when only they change. */
function enterErrors(arg, params) {
  $("replay").hidden = !isAdmin();
  once("errors", () => {
    processorBase().then((base) => { $("processor-target").textContent = base || location.origin; });
  });
  const key = viewHash("errors", params);
  if (errors.key === key) return;
  const rangeKey = viewHash("errors", { range: params.range, from: params.from, to: params.to,
    clock: params.clock, application: params.application });
  const onlySamples = errors.rangeKey === rangeKey && errors.range;
  errors.key = key;
  errors.rangeKey = rangeKey;
  restoreForm($("errors-form"), params);
  restoreForm($("samples-form"), params);
  rememberView("errors", params);
  if (onlySamples) loadSamples(sampleFilter(params));
  else loadErrors(params);
}

/** The errors view's URL parameters from both of its forms. */
function errorsState() {
  return { ...formState($("errors-form")), ...formState($("samples-form")) };
}

function sampleFilter(params) {
  return { code: params.code, category: params.category, name: params.name, replay_status: params.replay_status };
}

async function loadErrors(params) {
  const summaryBox = $("errors-summary");
  const clock = params.clock === "arrival" ? "arrival" : "event";
  let range;
  try {
    range = resolveRange(params, "24h");
  } catch (e) {
    fill(summaryBox, failure(e));
    return;
  }
  fill(summaryBox, loading());
  try {
    const summary = await api("/v1/invalid-events/summary" + query({ from: range.from, to: range.to, clock,
      application: params.application }));
    // Samples and charts use the range the summary counted (on the event clock: whole hours).
    errors.range = { from: summary.from, to: summary.to, clock, application: params.application };
    const codes = summary.by_code.map((c) => c.code);
    for (const select of [$("samples-code"), $("replay-code")]) {
      const current = select === $("samples-code") ? params.code || "" : select.value;
      fill(select, el("option", { value: "" }, "any"), codes.map((c) => el("option", {}, c)));
      if (current && !codes.includes(current)) select.append(el("option", {}, current));
      select.value = current;
    }
    const span = fmtTime(summary.from) + " to " + fmtTime(summary.to);
    const heading = el("p", { className: "totals" },
      el("strong", { id: "errors-total", className: "count invalid-count" }, String(summary.total)),
      " invalid events from " + span + (clock === "event" ? " (whole hours, as the hourly counts)" : "") + ". ",
      clockNote(clock), " ",
      clock === "event" ? el("a", { href: viewHash("volume", { range: "custom", from: summary.from, to: summary.to,
        bucket: "hour", group_by: "category" }) }, "The same hours in Volume") : null);
    if (!summary.total) {
      fill(summaryBox, heading, empty("No invalid events in this range."));
    } else {
      const sampleLinks = (ids) => ids.map((id) => el("button", { type: "button", className: "link mono",
        onclick: () => showInvalid(id) }, short(id)));
      fill(summaryBox, heading,
        el("div", { className: "columns" },
          el("table", { className: "by-code" },
            el("thead", {}, el("tr", {}, el("th", {}, "Code"), el("th", { className: "num" }, "Events"), el("th", {}, "Samples"))),
            el("tbody", {}, summary.by_code.map((c) => el("tr", {},
              el("td", {}, el("button", { type: "button", className: "link", onclick: () => samplesFor({ code: c.code }) }, c.code)),
              el("td", { className: "num" }, c.events), el("td", {}, sampleLinks(c.sample_event_ids)))))),
          el("table", { className: "by-type" },
            el("thead", {}, el("tr", {}, el("th", {}, "Event type"), el("th", { className: "num" }, "Events"), el("th", {}, "Samples"))),
            el("tbody", {}, summary.by_event_type.map((t) => el("tr", {},
              el("td", {}, el("button", { type: "button", className: "link",
                onclick: () => samplesFor({ category: t.category, name: t.name }) }, t.category + " / " + t.name)),
              el("td", { className: "num" }, t.events), el("td", {}, sampleLinks(t.sample_event_ids))))))));
    }
    $("replay-range").textContent = "arrival from " + span + (clock === "event"
      ? " (replay selects by arrival; this view counts by event time)" : "");
    loadErrorCharts(errors.range);
    loadSamples(sampleFilter(params));
  } catch (e) {
    fill(summaryBox, failure(e));
  }
}

/** Hourly charts on the view's clock: by code from the newest 1000 events, by type from the hourly counts (event clock). */
async function loadErrorCharts(range) {
  const byCode = $("errors-chart-code"), byType = $("errors-chart-type");
  fill(byCode, loading());
  fill(byType, loading());
  const hour = (iso) => iso.slice(0, 13) + ":00:00Z";
  const hourly = { from: hour(range.from), to: range.to, step: 3600 * 1000 };
  const at = (e) => range.clock === "event" ? e.counted_at : (e.received_at || e.validated_at);
  $("errors-chart-code-clock").textContent = CLOCKS[range.clock];
  $("errors-chart-type-clock").textContent = CLOCKS[range.clock];
  let page = null;
  try {
    page = await api("/v1/invalid-events" + query({ ...range, limit: 1000 }));
    const series = page.events.flatMap((e) => (e.error_codes || []).map((code) => ({ start: hour(at(e)), key: code, count: 1 })));
    fill(byCode, barChart(series, { ...hourly, label: "invalid events by code", emptyText: "No invalid events in this range." }));
  } catch (e) {
    fill(byCode, failure(e));
  }
  try {
    let series;
    if (range.clock === "event") {
      const stats = await api("/v1/stats" + query({ from: range.from, to: range.to, bucket: "hour", group_by: "name",
        application: range.application }));
      series = stats.buckets.filter((b) => b.invalid).map((b) => ({ start: b.start, key: b.category + " / " + b.name, count: b.invalid }));
    } else if (page) {
      series = page.events.map((e) => ({ start: hour(at(e)), key: (e.category || "?") + " / " + (e.name || "?"), count: 1 }));
    } else {
      throw new Error("the invalid events could not be read");
    }
    fill(byType, barChart(series, { ...hourly, label: "invalid events by type", emptyText: "No invalid events counted in this range." }));
  } catch (e) {
    fill(byType, failure(e));
  }
}

function samplesFor(filter) {
  const form = $("samples-form");
  form.elements.code.value = filter.code || "";
  form.elements.category.value = filter.category || "";
  form.elements.name.value = filter.name || "";
  navigate("errors", errorsState());
  form.scrollIntoView({ block: "start" });
}

function invalidCard(event) {
  return el("article", { className: "invalid", "data-event-id": event.event_id },
    el("h3", {}, (event.category || "?") + " / " + (event.name || "?"), " ",
      el("span", { className: "badge" }, event.replay_status)),
    el("p", { className: "muted mono" }, "event " + event.event_id + " · received " + fmtTime(event.received_at) +
      " · application " + (event.application_id || "unknown")),
    el("table", { className: "reasons" },
      el("thead", {}, el("tr", {}, el("th", {}, "Code"), el("th", {}, "Path"), el("th", {}, "Reason"))),
      el("tbody", {}, (event.errors || []).map((err) => el("tr", {},
        el("td", { className: "mono" }, err.code), el("td", { className: "mono" }, err.path || ""), el("td", { className: "reason" }, err.message))))),
    el("details", {}, el("summary", {}, event.payload !== undefined && event.payload !== null ? "Payload" : "Raw text"),
      event.payload !== undefined && event.payload !== null ? json(event.payload) : el("pre", { className: "json" }, event.raw_text || "")));
}

async function loadSamples(params, cursor) {
  const target = $("errors-samples");
  if (!cursor) fill(target, loading());
  errors.params = params;
  const seq = (errors.seq = (errors.seq || 0) + 1);
  try {
    const range = errors.range || {};
    const page = await api("/v1/invalid-events" + query({ ...params, from: range.from, to: range.to,
      clock: range.clock, application: range.application, cursor, limit: 20 }));
    if (seq !== errors.seq) return; // a newer request has started
    errors.next = page.next_cursor;
    $("samples-next").hidden = !page.next_cursor;
    if (!cursor) fill(target);
    if (!page.events.length && !cursor) { fill(target, empty("No invalid events match.")); return; }
    target.append(...page.events.map(invalidCard));
  } catch (e) {
    fill(target, failure(e));
  }
}

async function showInvalid(id) {
  errors.seq = (errors.seq || 0) + 1; // supersedes a listing still loading
  const target = $("errors-samples");
  fill(target, loading());
  $("samples-next").hidden = true;
  try {
    fill(target, invalidCard(await api("/v1/invalid-events/" + encodeURIComponent(id))));
  } catch (e) {
    fill(target, failure(e));
  }
  target.scrollIntoView({ block: "start" });
}

async function replay(form) {
  const p = formParams(form);
  const base = await processorBase();
  const body = { dry_run: p.dry_run };
  for (const k of ["code", "category", "name"]) if (p[k]) body[k] = p[k];
  if (p.limit) body.limit = Number(p.limit);
  // The replay selects by arrival: it is given the range the view counted, read as arrival times.
  const range = errors.range || {};
  if (range.from) body.from = range.from;
  if (range.to) body.to = range.to;
  if (range.application) body.application = range.application;
  if (!p.dry_run && !confirm("Replay for real? Events that pass today's registry will be stored.")) return;
  const target = $("replay-result");
  fill(target, loading());
  try {
    const report = await api("/v1/admin/replay", { method: "POST", body, base });
    fill(target, el("p", {}, (report.dry_run ? "Dry run: " : "Replayed: ") + report.examined + " examined, " +
      report.now_valid + " now valid, " + report.still_invalid + " still invalid."), json(report));
    if (!report.dry_run) { errors.key = null; navigate("errors", errorsState()); }
  } catch (e) {
    fill(target, failure(e));
  }
}

// ---------------------------------------------------------------- volume

const volume = {};

/** Shows the counts the URL asks for (the last 24 hours per category unless it says otherwise). */
function enterVolume(arg, params) {
  const key = viewHash("volume", params);
  if (volume.key === key) return;
  volume.key = key;
  restoreForm($("volume-form"), params);
  rememberView("volume", params);
  loadVolume(params);
}

async function loadVolume(params) {
  const chart = $("volume-chart"), table = $("volume-table");
  const groupBy = params.group_by || "category";
  fill(table);
  let range;
  try {
    range = resolveRange(params, "24h");
  } catch (e) {
    fill(chart, failure(e));
    return;
  }
  fill(chart, loading());
  try {
    const stats = await api("/v1/stats" + query({ from: range.from, to: range.to, bucket: params.bucket || "hour",
      group_by: groupBy }));
    const keyOf = (b) => groupBy === "application" ? (b.application_id || "") :
      groupBy === "category" ? (b.category || "") : "valid events";
    // Valid events by group in neutral colours; the invalid ones, whatever their group, in red.
    const series = stats.buckets.map((b) => ({ start: b.start, key: keyOf(b), count: b.valid }))
      .concat(stats.buckets.map((b) => ({ start: b.start, key: "invalid", count: b.invalid })));
    fill(chart, el("p", { className: "totals" },
      el("span", { className: "count", "data-count": "valid" }, String(stats.totals.valid)), " valid and ",
      el("span", { className: "count invalid-count", "data-count": "invalid" }, String(stats.totals.invalid)),
      " invalid events from " + fmtTime(stats.from) + " to " + fmtTime(stats.to) + " (" + stats.bucket + " buckets). ",
      clockNote(stats.clock), " ",
      el("a", { id: "volume-errors-link", href: viewHash("errors", { range: "custom", from: stats.from, to: stats.to,
        clock: stats.clock }) }, "The invalid ones in Errors")),
      barChart(series.filter((p) => p.count), { from: stats.from, to: stats.to,
        step: (stats.bucket === "day" ? 24 : 1) * 3600 * 1000, label: "events per " + groupBy,
        colors: { invalid: INVALID_COLOR, "valid events": VALID_COLOR }, emptyText: "No events in this range." }));
    const sums = new Map();
    for (const b of stats.buckets) {
      const s = sums.get(keyOf(b)) || { valid: 0, invalid: 0 };
      s.valid += b.valid; s.invalid += b.invalid;
      sums.set(keyOf(b), s);
    }
    if (sums.size) {
      fill(table, el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, groupBy === "none" ? "" : groupBy),
        el("th", { className: "num" }, "Valid"), el("th", { className: "num" }, "Invalid"))),
        el("tbody", {}, [...sums].map(([k, s]) => el("tr", {}, el("td", { className: "mono" }, k || "(empty)"),
          el("td", { className: "num" }, s.valid), el("td", { className: "num invalid-count" }, s.invalid))))));
    }
  } catch (e) {
    fill(chart, failure(e));
  }
}

// ---------------------------------------------------------------- admin

function enterAdmin() {
  once("admin", () => { loadApplications(); loadEventTypes(); });
}

function showKey(title, issued) {
  const box = $("issued-key");
  box.hidden = false;
  const key = el("code", { id: "issued-key-value" }, issued.key);
  fill(box, el("p", {}, el("strong", {}, title)),
    el("p", {}, key, " ", el("button", { type: "button", onclick: () => navigator.clipboard && navigator.clipboard.writeText(issued.key) }, "Copy")),
    el("p", { className: "warn" }, "This key is shown once: copy it now. Only its prefix (" + issued.key_prefix + ") is kept." +
      (issued.previous_keys_expire_at ? " Earlier keys expire at " + fmtTime(issued.previous_keys_expire_at) + "." : "")),
    el("button", { type: "button", onclick: () => { fill(box); box.hidden = true; } }, "I have copied it"));
  box.focus();
}

async function adminAction(action, message) {
  try {
    return await action();
  } catch (e) {
    showBanner(message + ": " + e.message);
    return null;
  }
}

async function loadApplications() {
  const target = $("applications");
  fill(target, loading());
  try {
    const list = await api("/v1/admin/applications");
    if (!list.applications.length) { fill(target, empty("No applications yet: register one above.")); return; }
    fill(target, el("table", { className: "applications" },
      el("thead", {}, el("tr", {}, ["Name", "Status", "Keys", "Created", "Id", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, list.applications.map((a) => el("tr", { "data-name": a.name },
        el("td", {}, a.name),
        el("td", {}, el("span", { className: "badge " + a.status }, a.status)),
        el("td", { className: "mono" }, a.keys.map((k) => el("div", {}, k.prefix + "… " + k.status +
          (k.expires_at ? " until " + fmtTime(k.expires_at) : "")))),
        el("td", { className: "mono" }, fmtTime(a.created_at)),
        el("td", { className: "mono", title: a.id }, short(a.id)),
        el("td", {}, a.status === "active" ? [
          el("button", { type: "button", onclick: async () => {
            const issued = await adminAction(() => api("/v1/admin/applications/" + a.id + "/keys", { method: "POST", body: {} }), "Rotation failed");
            if (issued) { showKey("New key for " + a.name, issued); loadApplications(); }
          } }, "Rotate key"), " ",
          el("button", { type: "button", className: "danger", onclick: async () => {
            if (!confirm("Disable " + a.name + "? Ingest refuses its keys within seconds.")) return;
            if (await adminAction(() => api("/v1/admin/applications/" + a.id + "/disable", { method: "POST" }), "Disable failed")) loadApplications();
          } }, "Disable")] : ""))))));
  } catch (e) {
    fill(target, failure(e));
  }
}

async function register(form) {
  const name = form.elements.name.value.trim();
  try {
    const issued = await api("/v1/admin/applications", { method: "POST", body: { name } });
    form.reset();
    showBanner("");
    showKey("Registered " + issued.name, issued);
    loadApplications();
  } catch (e) {
    showBanner("Registration failed: " + e.message);
  }
}

async function loadEventTypes() {
  const target = $("event-types");
  fill(target, loading());
  try {
    const list = await api("/v1/admin/event-types");
    if (!list.event_types.length) { fill(target, empty("No event types registered.")); return; }
    fill(target, el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "Category / name"), el("th", {}, "Current"), el("th", {}, "Versions"))),
      el("tbody", {}, list.event_types.map((t) => el("tr", {},
        el("td", {}, el("button", { type: "button", className: "link", onclick: () => showEventType(t) }, t.category + " / " + t.name)),
        el("td", { className: "num" }, t.current_version === null ? "none" : "v" + t.current_version),
        el("td", {}, t.versions.map((v) => "v" + v.version + " " + v.status).join(", ")))))));
  } catch (e) {
    fill(target, failure(e));
  }
}

async function showEventType(type) {
  const target = $("event-type-detail");
  fill(target, loading());
  const path = "/v1/admin/event-types/" + encodeURIComponent(type.category) + "/" + encodeURIComponent(type.name);
  try {
    const detail = await api(path);
    const schema = el("textarea", { rows: "10", spellcheck: "false", "aria-label": "New schema" },
      JSON.stringify(detail.versions[0] ? detail.versions[0].schema : { type: "object" }, null, 2));
    const force = el("input", { type: "checkbox" });
    const result = el("div", {});
    const form = el("form", { className: "stack", onsubmit: async (e) => {
      e.preventDefault();
      let parsed;
      try { parsed = JSON.parse(schema.value); } catch (err) { fill(result, failure(new Error("Not JSON: " + err.message))); return; }
      try {
        const answer = await api(path + "/versions" + (force.checked ? "?force=true" : ""), { method: "POST", body: { schema: parsed } });
        fill(result, el("p", {}, answer.created === false ? "Same as the current version: nothing registered." : "Registered."), json(answer));
        loadEventTypes();
      } catch (err) {
        const reasons = err.body && err.body.errors ? json(err.body.errors) : null;
        fill(result, failure(err), reasons);
      }
    } }, el("h3", {}, "New version"), schema, el("label", { className: "check" }, force, " force an incompatible change"),
      el("button", { type: "submit" }, "Register version"), result);
    fill(target, el("h2", {}, detail.category + " / " + detail.name),
      detail.versions.map((v) => el("details", { open: v.version === detail.current_version },
        el("summary", {}, "v" + v.version + " · " + v.status + " · " + fmtTime(v.created_at)), json(v.schema))),
      form);
  } catch (e) {
    fill(target, failure(e));
  }
}

// ---------------------------------------------------------------- wiring

function onSubmit(id, action) {
  $(id).addEventListener("submit", (e) => { e.preventDefault(); action(e.target); });
}

onSubmit("signin-form", () => {
  const value = $("token").value.trim().replace(/^Bearer\s+/i, "");
  const c = claims(value);
  if (!c) { showBanner("That is not a JWT (three dot-separated parts)."); return; }
  if (!Array.isArray(c.groups) || !(c.groups.includes("analyst") || c.groups.includes("admin"))) {
    showBanner("This token has neither the analyst nor the admin group; the server will refuse it.");
    return;
  }
  if (c.exp && c.exp * 1000 < Date.now()) { showBanner("This token has expired."); return; }
  sessionStorage.setItem(TOKEN_KEY, value);
  $("token").value = "";
  showBanner("");
  entered.clear();
  explorer.key = errors.key = errors.rangeKey = volume.key = null;
  // A shared link opened before signing in shows its view; otherwise the overview.
  const wanted = hashState().view;
  if (!VIEWS.includes(wanted) || wanted === "signin") location.hash = "#overview";
  else route();
});
// Enter submits the token (Shift+Enter is never needed: a JWT has no line breaks).
$("token").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("signin-form").requestSubmit(); }
});
$("sign-out").addEventListener("click", () => signOut(""));
/** Puts a form's filters in the view's URL, which loads them (again, when the URL is unchanged). */
function submitState(view, state, forget, target) {
  try {
    const params = state();
    forget();
    navigate(view, params);
  } catch (e) {
    fill(target, failure(e));
  }
}
onSubmit("explorer-form", (form) => submitState("explorer", () => formState(form),
  () => { explorer.cursors = []; explorer.key = null; }, $("explorer-results")));
$("explorer-next").addEventListener("click", () => loadEvents(explorer.params, explorer.next));
$("explorer-first").addEventListener("click", () => loadEvents(explorer.params));
onSubmit("session-form", (form) => {
  const id = form.elements.id.value.trim();
  if (location.hash === "#session/" + id) loadSession(id); else location.hash = "#session/" + encodeURIComponent(id);
});
$("session-next").addEventListener("click", () => loadSession(session.id, session.next));
onSubmit("errors-form", () => submitState("errors", errorsState, () => { errors.key = errors.rangeKey = null; },
  $("errors-summary")));
onSubmit("samples-form", () => submitState("errors", errorsState, () => { errors.key = null; }, $("errors-samples")));
$("samples-next").addEventListener("click", () => loadSamples(errors.params, errors.next));
onSubmit("replay-form", (form) => replay(form));
onSubmit("volume-form", (form) => submitState("volume", () => formState(form), () => { volume.key = null; },
  $("volume-chart")));
onSubmit("register-form", (form) => register(form));
window.addEventListener("hashchange", route);
buildRangeControls();
route();
