/* The Eye console: what every view shares about its state. A view's filters live in its URL
   ("#errors?range=1h&clock=event"), so reloading or sharing the link restores the view; time
   ranges are a preset (relative to when the page loads) or a custom UTC range. Loaded before
   console.js and the views; plain functions, no build step. */
"use strict";

/** Ranges relative to now. "all" (no bound) is offered only where the API allows it (Explorer). */
const RANGE_PRESETS = {
  all: { label: "All time", ms: null },
  "15m": { label: "15 min", ms: 15 * 60 * 1000 },
  "1h": { label: "1 h", ms: 60 * 60 * 1000 },
  "24h": { label: "24 h", ms: 24 * 60 * 60 * 1000 },
  "7d": { label: "7 d", ms: 7 * 24 * 60 * 60 * 1000 },
  custom: { label: "Custom", ms: null },
};

/** What each clock means, said next to every count. */
const CLOCKS = {
  event: "event time (an invalid event whose time is missing, unreadable or in the future: its arrival)",
  arrival: "arrival (when ingest received it)",
};

/** The view, its path argument and its parameters, read from a hash such as "#session/{id}" or "#errors?range=1h". */
function hashState(hash) {
  const text = (hash === undefined ? location.hash : hash).replace(/^#/, "");
  const q = text.indexOf("?");
  const path = q < 0 ? text : text.slice(0, q);
  const params = {};
  for (const [key, value] of new URLSearchParams(q < 0 ? "" : text.slice(q + 1))) params[key] = value;
  const [view, arg] = path.split("/");
  return { view: view || "", arg: arg ? decodeURIComponent(arg) : undefined, params };
}

/** The hash of a view with these parameters; empty ones are left out. */
function viewHash(view, params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "" && value !== false) q.append(key, value);
  }
  const s = q.toString();
  return "#" + view + (s ? "?" + s : "");
}

/** Shows a view with these parameters: a new history entry, or a reload when the URL is already that. */
function navigate(view, params) {
  const hash = viewHash(view, params);
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = hash;
}

/** "2021-01-01T09:15:00Z" or "2021-01-01 09:15[:00]" (UTC) as an ISO instant; null when empty; throws when unreadable. */
function utcInstant(text, field) {
  const value = (text || "").trim();
  if (!value) return null;
  const m = value.match(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?Z?$/);
  const iso = m ? m[1] + "T" + m[2] + (m[3] || ":00") + "Z" : null;
  if (!iso || isNaN(Date.parse(iso))) {
    throw new Error(field + ": write a UTC time as YYYY-MM-DD HH:MM, for example 2021-01-01 09:15");
  }
  return new Date(iso).toISOString().replace(".000Z", "Z");
}

/** An ISO instant as the custom fields show it: "2021-01-01 09:15:00". */
function utcField(iso) {
  return iso ? new Date(iso).toISOString().slice(0, 19).replace("T", " ") : "";
}

/**
 * The range the parameters ask for: {range, from, to, label}. A preset is resolved against now
 * (so a shared "last hour" means the reader's last hour); custom keeps its from and to.
 */
function resolveRange(params, fallback) {
  const range = RANGE_PRESETS[params.range] ? params.range : fallback;
  if (range === "custom") {
    const from = utcInstant(params.from, "from");
    const to = utcInstant(params.to, "to");
    return { range, from, to, label: (from ? utcField(from) : "the beginning") + " to " + (to ? utcField(to) : "now") + " UTC" };
  }
  const preset = RANGE_PRESETS[range];
  if (!preset.ms) return { range, from: null, to: null, label: preset.label.toLowerCase() };
  const now = Date.now();
  const iso = (t) => new Date(t).toISOString();
  return { range, from: iso(now - preset.ms), to: iso(now), label: "the last " + preset.label };
}

/**
 * Fills each fieldset.range of the page with its presets (data-presets, a comma-separated list)
 * as radio buttons and the custom from/to fields, shown only for "custom".
 */
function buildRangeControls() {
  for (const fieldset of document.querySelectorAll("fieldset.range")) {
    const presets = (fieldset.dataset.presets || "15m,1h,24h,7d,custom").split(",");
    const fallback = fieldset.dataset.default || "24h";
    const custom = el("span", { className: "custom-range" },
      el("label", {}, "From (UTC)", el("input", { name: "from", placeholder: "YYYY-MM-DD HH:MM", size: "19", autocomplete: "off" })),
      el("label", {}, "To (UTC)", el("input", { name: "to", placeholder: "YYYY-MM-DD HH:MM (empty: now)", size: "19", autocomplete: "off" })));
    const radios = presets.map((id) => el("label", { className: "preset" },
      el("input", { type: "radio", name: "range", value: id, checked: id === fallback }), RANGE_PRESETS[id].label));
    fill(fieldset, el("legend", {}, "Time range"), el("span", { className: "presets" }, radios), custom);
    const sync = () => { custom.hidden = fieldset.querySelector("input[name=range]:checked").value !== "custom"; };
    fieldset.addEventListener("change", sync);
    sync();
  }
}

/** The form's fields as the view's URL parameters: a preset range drops from and to. */
function formState(form) {
  const params = formParams(form);
  if (params.range && params.range !== "custom") {
    delete params.from;
    delete params.to;
  } else if (params.range === "custom") {
    params.from = utcInstant(params.from, "from");
    params.to = utcInstant(params.to, "to");
  }
  for (const key of Object.keys(params)) if (params[key] === "" || params[key] === null) delete params[key];
  return params;
}

/** Puts URL parameters back into a form's fields (absent ones to their defaults), the range included. */
function restoreForm(form, params) {
  for (const input of form.elements) {
    if (!input.name) continue;
    const value = params[input.name];
    if (input.type === "radio") {
      const fallback = input.closest("fieldset.range") ? input.closest("fieldset.range").dataset.default : null;
      input.checked = input.value === (RANGE_PRESETS[value] ? value : fallback);
    } else if (input.type === "checkbox") {
      input.checked = value === "true";
    } else if (input.name === "from" || input.name === "to") {
      input.value = value ? utcField(value) : "";
    } else if (input.tagName === "SELECT") {
      const options = [...input.options];
      const chosen = options.find((o) => o.value === value) || options.find((o) => o.defaultSelected) || options[0];
      input.value = chosen ? chosen.value : "";
    } else {
      input.value = value || "";
    }
  }
  for (const fieldset of form.querySelectorAll("fieldset.range")) fieldset.dispatchEvent(new Event("change"));
}

/** Points the view's tab at its current state, so coming back to the tab restores it. */
function rememberView(view, params) {
  const tab = document.querySelector("#tabs a[data-view=" + view + "]");
  if (tab) tab.setAttribute("href", viewHash(view, params));
}

/** A sentence saying which clock a count uses. */
function clockNote(clock) {
  return el("span", { className: "clock", "data-clock": clock }, "Clock: " + CLOCKS[clock]);
}
