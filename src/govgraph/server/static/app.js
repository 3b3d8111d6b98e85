// The query page: named queries in a menu, a SPARQL editor, results as a table.
// Everything goes through the server's own endpoints (/api/queries, /queries/NAME, /sparql); the editor is
// CodeMirror 5 with its SPARQL mode, bundled in /static/vendor (see vendor/README.md).
"use strict";

const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
const MAX_LABELLED = 400;
const KEYWORDS = ["SELECT", "DISTINCT", "WHERE", "OPTIONAL", "FILTER", "UNION", "MINUS", "GRAPH", "BIND", "VALUES",
  "ORDER BY", "GROUP BY", "HAVING", "LIMIT", "OFFSET", "CONSTRUCT", "DESCRIBE", "ASK", "PREFIX", "COUNT", "SAMPLE",
  "GROUP_CONCAT", "STR", "LANG", "LANGMATCHES", "REGEX", "CONTAINS", "STRSTARTS", "LCASE", "UCASE", "BOUND", "COALESCE",
  "IF", "EXISTS", "NOT EXISTS", "YEAR", "NOW", "DESC", "ASC", "AS", "FROM", "FROM NAMED", "isIRI", "isLiteral"];
const state = { queries: new Map(), prefixes: {}, loaded: null, terms: [], errorLine: null };
const $ = (id) => document.getElementById(id);

// ---- the editor: SPARQL highlighting, brackets, completion of prefixes, ontology terms and keywords ------
function hintItem(text, note, className) {
  return {
    text,
    className,
    render(element) {
      element.append(text);
      if (note) element.appendChild(Object.assign(document.createElement("span"), { className: "hint-note", textContent: note }));
    },
  };
}

function sparqlHint(cm) {
  const cursor = cm.getCursor();
  const line = cm.getLine(cursor.line);
  let start = cursor.ch;
  while (start > 0 && /[\w:\-\/]/.test(line[start - 1])) start -= 1;
  const word = line.slice(start, cursor.ch);
  const lower = word.toLowerCase();
  let list;
  if (/PREFIX\s+$/i.test(line.slice(0, start))) {
    list = Object.entries(state.prefixes).filter(([p]) => p.startsWith(lower))
      .map(([p, ns]) => hintItem(`${p}: <${ns}>`, "prefix"));
  } else if (word.includes(":")) {
    const [prefix, local] = [word.slice(0, word.indexOf(":")), lower.slice(word.indexOf(":") + 1)];
    const matches = state.terms.filter((t) => t.prefix === prefix && t.local.toLowerCase().includes(local));
    matches.sort((a, b) => (b.local.toLowerCase().startsWith(local) - a.local.toLowerCase().startsWith(local))
      || a.local.localeCompare(b.local));
    list = matches.map((t) => hintItem(t.text, t.note));
  } else {
    list = Object.keys(state.prefixes).filter((p) => p.startsWith(lower)).map((p) => hintItem(`${p}:`, state.prefixes[p]))
      .concat(KEYWORDS.filter((k) => k.toLowerCase().startsWith(lower) && k.toLowerCase() !== lower).map((k) => hintItem(k, "keyword")));
  }
  return { list, from: CodeMirror.Pos(cursor.line, start), to: CodeMirror.Pos(cursor.line, cursor.ch) };
}

const editor = CodeMirror.fromTextArea($("editor"), {
  mode: "application/sparql-query",
  lineNumbers: true,
  matchBrackets: true,
  autoCloseBrackets: true,
  indentUnit: 2,
  viewportMargin: Infinity,
  extraKeys: {
    "Ctrl-Enter": () => run(),
    "Cmd-Enter": () => run(),
    "Ctrl-Space": "autocomplete",
    Tab: (cm) => cm.replaceSelection("  "),
  },
  hintOptions: { hint: sparqlHint, completeSingle: false },
});
editor.on("inputRead", (cm, change) => {
  const typed = change.text.join("");
  const token = cm.getTokenAt(cm.getCursor());
  if (/^[\w:\/]$/.test(typed) && !/string|comment/.test(token.type || "")) cm.showHint();
});
editor.on("change", () => {
  editor.save();  // the text area behind the editor keeps the query too
  markError(null);
});
window.sparqlEditor = editor;

function markError(message) {
  if (state.errorLine !== null) editor.removeLineClass(state.errorLine, "background", "error-line");
  state.errorLine = null;
  const where = /line (\d+), column (\d+)/.exec(message || "");
  if (!where) return;
  state.errorLine = Math.min(Number(where[1]) - 1, editor.lineCount() - 1);
  editor.addLineClass(state.errorLine, "background", "error-line");
  editor.setCursor({ line: state.errorLine, ch: Math.max(Number(where[2]) - 1, 0) });
}

const MAX_ENTITIES = 5000;
const LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>";
const ENGLISH = `FILTER(LANGMATCHES(LANG(?label), "en") || LANG(?label) = "")`;

async function select(query) {
  const response = await fetch("/sparql", {
    method: "POST", body: new URLSearchParams({ query }), headers: { Accept: "application/sparql-results+json" },
  });
  return response.ok ? (await response.json()).results.bindings : [];
}

async function loadTerms() {  // the ontology's classes, properties and individuals, and the graph's entities
  const types = ["Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "NamedIndividual"]
    .map((t) => `<http://www.w3.org/2002/07/owl#${t}>`).join(" ");
  const vocabulary = await select(`SELECT DISTINCT ?term ?type ?label WHERE { VALUES ?type { ${types} } ?term a ?type .
    OPTIONAL { ?term ${LABEL} ?label ${ENGLISH} } }`);
  const seen = new Map();
  const add = (iri, note) => {
    const text = compact(iri);
    if (text === iri || seen.has(text)) return;
    const prefix = text.slice(0, text.indexOf(":"));
    seen.set(text, { text, prefix, local: text.slice(prefix.length + 1), note });
  };
  for (const b of vocabulary) {
    if (b.term.type !== "uri") continue;
    const kind = b.type.value.split("#")[1].replace("NamedIndividual", "individual").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    add(b.term.value, `${b.label ? `${b.label.value} · ` : ""}${kind}`);
  }
  if (state.prefixes.ggid && state.prefixes.skos) {  // entities by their preferred name
    const entities = await select(`SELECT ?term (SAMPLE(?name) AS ?label) WHERE { ?term <${state.prefixes.skos}prefLabel> ?name .
      FILTER(STRSTARTS(STR(?term), "${state.prefixes.ggid}")) } GROUP BY ?term LIMIT ${MAX_ENTITIES}`);
    for (const b of entities) if (b.term.type === "uri") add(b.term.value, b.label ? b.label.value : "");
  }
  state.terms = [...seen.values()];
}

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
  markError(message);
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
  if (query) editor.setValue(query.sparql);
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
  loadTerms().catch(() => {});  // completion then offers prefixes and keywords only
  const wanted = new URLSearchParams(window.location.search).get("query");
  if (wanted && state.queries.has(wanted)) {
    select.value = wanted;
    chooseQuery(wanted);
  }
}

function request() {
  const text = editor.getValue();
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
loadQueries().catch((error) => showError(`Cannot load the named queries: ${error}`));
