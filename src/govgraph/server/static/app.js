// The query page: named queries in a menu, a SPARQL editor, results as a table.
// Everything goes through the server's own endpoints (/api/queries, /queries/NAME, /sparql).
"use strict";

const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
const MAX_LABELLED = 400;
const state = { queries: new Map(), prefixes: {}, loaded: null };
const $ = (id) => document.getElementById(id);

function compact(iri) {
  let best = null;
  for (const [prefix, ns] of Object.entries(state.prefixes)) {
    if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [prefix, ns];
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

function renderParams(query) {
  const form = $("params");
  form.replaceChildren();
  for (const param of query ? query.params : []) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.name = param.name;
    input.id = `param-${param.name}`;
    input.placeholder = param.type === "date" ? "YYYY-MM-DD" : param.type;
    input.required = !param.optional;
    label.htmlFor = input.id;
    label.textContent = `${param.name}${param.optional ? " (optional)" : ""} — ${param.meaning} `;
    label.appendChild(input);
    form.appendChild(label);
  }
}

function chooseQuery(name) {
  const query = state.queries.get(name) || null;
  state.loaded = query;
  $("query-description").textContent = query ? query.description : "";
  renderParams(query);
  if (query) $("editor").value = query.sparql;
  const url = new URL(window.location.href);
  if (name) url.searchParams.set("query", name); else url.searchParams.delete("query");
  window.history.replaceState(null, "", url);
}

async function loadQueries() {
  const response = await fetch("/api/queries");
  const listing = await response.json();
  state.prefixes = listing.prefixes;
  const select = $("query-select");
  for (const query of listing.queries) {
    state.queries.set(query.name, query);
    const option = document.createElement("option");
    option.value = query.name;
    option.textContent = `${query.title} (${query.name})`;
    select.appendChild(option);
  }
  const wanted = new URLSearchParams(window.location.search).get("query");
  if (wanted && state.queries.has(wanted)) {
    select.value = wanted;
    chooseQuery(wanted);
  }
}

function request() {
  const text = $("editor").value;
  const loaded = state.loaded;
  if (loaded && text === loaded.sparql) {  // the named query as shipped: run it by name, with its parameters
    const params = new URLSearchParams();
    for (const input of $("params").querySelectorAll("input")) {
      if (input.value.trim()) params.set(input.name, input.value.trim());
    }
    return { url: `/queries/${encodeURIComponent(loaded.name)}?${params}`, init: { headers: { Accept: ACCEPT } } };
  }
  const body = new URLSearchParams({ query: text });
  return { url: "/sparql", init: { method: "POST", body, headers: { Accept: ACCEPT } }, text };
}

function downloadLinks(req) {
  for (const [id, format] of [["download-csv", "csv"], ["download-json", "json"]]) {
    const link = $(id);
    link.href = req.text === undefined
      ? `${req.url}${req.url.includes("?") ? "&" : "?"}format=${format}`
      : `/sparql?${new URLSearchParams({ query: req.text, format })}`;
    link.hidden = false;
  }
}

function cellFor(term) {
  const cell = document.createElement("td");
  if (!term) return cell;
  if (term.type === "uri") {
    cell.className = "iri";
    cell.dataset.iri = term.value;
    cell.title = term.value;
    cell.textContent = compact(term.value);
  } else if (term.type === "bnode") {
    cell.textContent = `_:${term.value}`;
  } else {
    cell.className = "literal";
    cell.textContent = term.value;
    if (term.datatype) cell.title = compact(term.datatype);
    else if (term["xml:lang"]) cell.title = `@${term["xml:lang"]}`;
  }
  return cell;
}

function renderTable(json) {
  const table = $("results");
  const head = table.tHead;
  const body = table.tBodies[0];
  head.replaceChildren();
  body.replaceChildren();
  if ("boolean" in json) {
    const row = head.insertRow();
    row.appendChild(document.createElement("th")).textContent = "answer";
    body.insertRow().appendChild(document.createElement("td")).textContent = json.boolean ? "yes" : "no";
    table.hidden = false;
    return 1;
  }
  const vars = json.head.vars;
  const headRow = head.insertRow();
  for (const name of vars) headRow.appendChild(document.createElement("th")).textContent = name;
  for (const binding of json.results.bindings) {
    const row = body.insertRow();
    for (const name of vars) row.appendChild(cellFor(binding[name]));
  }
  table.hidden = false;
  return json.results.bindings.length;
}

async function addLabels() {
  const cells = [...$("results").querySelectorAll("td.iri")];
  const iris = [...new Set(cells.map((c) => c.dataset.iri))].slice(0, MAX_LABELLED);
  if (!iris.length || !state.prefixes.rdfs) return;
  const values = iris.map((iri) => `<${iri}>`).join(" ");
  const query = `SELECT ?x ?label ?rank WHERE { VALUES ?x { ${values} }
    { ?x <${state.prefixes.skos}prefLabel> ?label BIND(0 AS ?rank) } UNION { ?x <${state.prefixes.rdfs}label> ?label BIND(1 AS ?rank) } }`;
  const response = await fetch("/sparql", {
    method: "POST", body: new URLSearchParams({ query }), headers: { Accept: "application/sparql-results+json" },
  });
  if (!response.ok) return;
  const best = new Map();
  for (const b of (await response.json()).results.bindings) {
    const rank = Number(b.rank.value) * 2 + (b.label["xml:lang"] && b.label["xml:lang"] !== "en" ? 1 : 0);
    const seen = best.get(b.x.value);
    if (!seen || rank < seen[0]) best.set(b.x.value, [rank, b.label.value]);
  }
  for (const cell of cells) {
    const found = best.get(cell.dataset.iri);
    if (found) cell.textContent = found[1];
  }
}

async function run() {
  const button = $("run");
  const req = request();
  for (const input of $("params").querySelectorAll("input")) {
    if (req.text === undefined && input.required && !input.value.trim()) {
      showError(`Fill in ${input.name} first.`);
      input.focus();
      return;
    }
  }
  button.disabled = true;
  showError("");
  $("status").textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch(req.url, req.init);
    const type = response.headers.get("content-type") || "";
    if (!response.ok) {
      $("status").textContent = `HTTP ${response.status}`;
      showError((await response.text()).trim());
      return;
    }
    downloadLinks(req);
    let count;
    if (type.includes("json")) {
      $("graph-output").hidden = true;
      count = renderTable(await response.json());
    } else {
      $("results").hidden = true;
      const output = $("graph-output");
      output.textContent = await response.text();
      output.hidden = false;
      count = Number(response.headers.get("x-govgraph-rows") || 0);
    }
    const ms = Math.round(performance.now() - started);
    const truncated = response.headers.get("x-govgraph-truncated");
    $("status").textContent = `${count} result${count === 1 ? "" : "s"} in ${ms} ms${truncated ? ` (${truncated})` : ""}`;
    await addLabels();
  } catch (error) {
    showError(String(error));
    $("status").textContent = "";
  } finally {
    button.disabled = false;
  }
}

$("query-select").addEventListener("change", (event) => chooseQuery(event.target.value));
$("run").addEventListener("click", run);
$("params").addEventListener("submit", (event) => { event.preventDefault(); run(); });
$("editor").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    run();
  } else if (event.key === "Tab" && !event.shiftKey) {
    event.preventDefault();
    event.target.setRangeText("  ", event.target.selectionStart, event.target.selectionEnd, "end");
  }
});
loadQueries().catch((error) => showError(`Cannot load the named queries: ${error}`));
