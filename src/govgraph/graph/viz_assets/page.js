/* govgraph network page: filters, search, time control and tooltips over one vis-network. */
(function () {
  "use strict";

  const $ = function (id) { return document.getElementById(id); };
  const json = function (id) { return JSON.parse($(id).textContent); };
  const data = json("gg-data");  // the page's own tables; pyvis wrote the nodes, edges and vis options beside it
  data.nodes = json("gg-nodes");
  data.edges = json("gg-edges");
  const options = json("gg-options");
  const meta = data.meta;
  const byId = data.nodes;  // node ids are their positions in this list
  const classByKey = {};
  data.classes.forEach(function (c) { classByKey[c.key] = c; });
  const classRank = {};
  data.classes.forEach(function (c, i) { classRank[c.key] = i; });
  const LABEL_MIN_PX = options.nodes.scaling.label.drawThreshold;
  const HUB_FONT = 25;  // labels this large (branches, countries, hubs) may be written over lesser nodes
  const state = { prov: false, hidden: new Set(), article: null, reform: null, day: null, physics: meta.physics,
    expanded: new Set(), allChanges: false, minor: false, pinned: new Set() };
  const timing = { start: performance.now() };
  // a large graph's page (meta.overview) holds entities only and draws the most connected first (meta.first);
  // what else is drawn comes from a search, a node's "show its neighbours", or an article or reform filter
  const overview = !!meta.overview;
  const chosen = new Set(meta.first || []);  // what is drawn, filters allowing
  const SETTLE_MS = 2500;
  let visible = new Set();
  let adjacency = null;
  let physicsRan = false;

  // ---- what is shown --------------------------------------------------------------------------
  function inTime(t) {  // t: the intervals [start, end) in which a thing existed
    if (!state.day || !t) return true;
    return t.some(function (iv) { return (!iv[0] || iv[0] <= state.day) && (!iv[1] || state.day < iv[1]); });
  }
  function unfolded(n) {  // a change shows when one of its reforms is unfolded (or chosen in the reform filter)
    if (!n.in || state.allChanges || state.pinned.has(n.id)) return true;
    if (n.in.some(function (r) { return state.expanded.has(r); })) return true;
    return state.reform !== null && !!n.r && n.r.indexOf(state.reform) >= 0;
  }
  function nodeShown(n) {
    if (n.prov && !state.prov) return false;
    if (overview && !chosen.has(n.id) && state.article === null && state.reform === null) return false;
    if (n.minor && !state.minor && !state.pinned.has(n.id)) return false;
    if (!unfolded(n)) return false;
    if (state.hidden.has(n.group)) return false;
    if (state.article !== null && !(n.a && n.a.indexOf(state.article) >= 0)) return false;
    if (state.reform !== null && !(n.r && n.r.indexOf(state.reform) >= 0)) return false;
    return inTime(n.t);
  }
  function edgeShown(e) {
    if (!visible.has(e.from) || !visible.has(e.to) || !inTime(e.t)) return false;
    return state.article === null || !e.a || e.a.indexOf(state.article) >= 0;
  }
  function computeVisible() {
    visible = new Set();
    for (const n of byId) if (nodeShown(n)) visible.add(n.id);
  }

  // ---- time control (set before the network is built, so that it opens at --as-of) -------------
  const stops = data.stops;
  const slider = $("gg-time");
  const changesAt = {};
  byId.forEach(function (n) {
    if (!n.t || n.prov) return;
    n.t.forEach(function (iv) {
      if (iv[0]) (changesAt[iv[0]] = changesAt[iv[0]] || []).push("+ " + (n.full || n.label));
      if (iv[1]) (changesAt[iv[1]] = changesAt[iv[1]] || []).push("− " + (n.full || n.label));
    });
  });
  function setStop(index) {
    slider.value = String(index);
    state.day = index < stops.length ? stops[index] : null;
    $("gg-time-label").textContent = state.day ? fmtDay(state.day) : "all dates";
    const at = state.day ? changesAt[state.day] || [] : [];
    $("gg-time-events").textContent = !state.day ? "everything, whatever its dates"
      : at.length ? at.slice(0, 4).join("; ") + (at.length > 4 ? " …" : "") : "nothing starts or ends on this day";
  }
  if (stops.length) {
    slider.max = String(stops.length);
    setStop(meta.asOf ? stops.indexOf(meta.asOf) : stops.length);
    slider.addEventListener("input", function () {
      setStop(Number(slider.value));
      refresh();
      if (!$("gg-details").hidden && api.shown !== null) showDetails(nodeInfo(api.shown, true), api.shown);  // values of that day
    });
  } else {
    slider.disabled = true;
    $("gg-time-label").textContent = "—";
    $("gg-time-events").textContent = "no dates in this graph";
  }

  // ---- the network ------------------------------------------------------------------------------
  const provEdge = { dashes: [3, 3], width: 0.7, color: { color: "#c2c2c2", highlight: "#777", hover: "#777" } };
  function shownLabel(n) {  // a reform says how many changes are folded into it
    if (!n.nc || state.allChanges || state.expanded.has(n.id)) return n.label;
    return n.label + "\n+ " + n.nc + (n.nc === 1 ? " change" : " changes");
  }
  const nodes = new vis.DataSet(byId.map(function (n) { return Object.assign({}, n, { label: shownLabel(n) }); }));
  if (overview) data.edges.forEach(function (e) { e.label = data.props[e.p]; });  // names are written once, in props
  const edges = new vis.DataSet(data.edges.map(function (e) { return e.prov ? Object.assign({}, e, provEdge) : e; }));
  computeVisible();
  const nodeView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
  const edgeView = new vis.DataView(edges, { filter: edgeShown });
  const network = new vis.Network($("gg-network"), { nodes: nodeView, edges: edgeView }, options);

  // ---- tooltips and details ---------------------------------------------------------------------
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
    for (const c of [].concat(children || [])) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }
  const SVG = "http://www.w3.org/2000/svg";
  function swatch(c) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "sw");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "-7 -7 14 14");
    const shapes = {
      dot: ["circle", { r: 5.5 }],
      square: ["rect", { x: -5, y: -5, width: 10, height: 10 }],
      triangle: ["polygon", { points: "0,-6 6,5 -6,5" }],
      triangleDown: ["polygon", { points: "0,6 6,-5 -6,-5" }],
      diamond: ["polygon", { points: "0,-6.5 6.5,0 0,6.5 -6.5,0" }],
      hexagon: ["polygon", { points: "6,0 3,5.2 -3,5.2 -6,0 -3,-5.2 3,-5.2" }],
      star: ["polygon", { points: "0,-6.5 1.6,-2 6.2,-2 2.5,0.9 3.9,5.4 0,2.7 -3.9,5.4 -2.5,0.9 -6.2,-2 -1.6,-2" }],
    };
    const spec = shapes[c.shape] || shapes.dot;
    const shape = document.createElementNS(SVG, spec[0]);
    for (const k in spec[1]) shape.setAttribute(k, spec[1][k]);
    shape.setAttribute("fill", c.color);
    shape.setAttribute("stroke", c.border);
    svg.append(shape);
    return svg;
  }
  function fmtDay(day) {
    const d = new Date(day + "T00:00:00Z");
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
  function whenLine(t) {
    if (!t) return null;
    return el("div", { class: "info-when" }, t.map(function (iv) {
      return [iv[0] ? "from " + fmtDay(iv[0]) : "", iv[1] ? "until " + fmtDay(iv[1]) : ""].join(" ").trim();
    }).join("; then "));
  }
  function valueRow(v) {  // [attribute, before, after, day]: the value in force on the time control's day
    const day = v[3] ? fmtDay(v[3]) : "the reform";
    let text;
    if (!state.day || !v[3]) text = (v[1] || "?") + " → " + (v[2] || "?") + " (" + day + ")";
    else if (state.day < v[3]) text = (v[1] || "not stated") + " (until " + day + ", then " + (v[2] || "?") + ")";
    else text = (v[2] || "not stated") + " (since " + day + "; before: " + (v[1] || "?") + ")";
    return el("tr", {}, [el("th", {}, v[0]), el("td", {}, text)]);
  }
  function quoteBlocks(refs, limit, total) {  // total: how many sentences there are, when the page quotes a few
    const out = [];
    for (const ref of (refs || []).slice(0, limit)) {
      const q = data.quotes[ref];
      const art = data.articles[q[1]];
      const cite = art ? art.title + (art.date ? " (" + art.date + ")" : "") : "source article";
      out.push(el("blockquote", {}, ["“" + q[0] + "”", el("cite", {}, "— " + cite)]));
    }
    const shown = Math.min(limit, (refs || []).length);
    if (total && total - shown > 0) {
      out.push(el("div", { class: "info-more" }, "+ " + (total - shown).toLocaleString("en")
        + " more sentences in the graph: query the store, or write a page around it with govgraph viz --focus"));
    } else if ((refs || []).length > limit) {
      out.push(el("div", { class: "info-more" }, "+ " + ((refs || []).length - limit) + " more quotes: click to see them all"));
    }
    return out;
  }
  function nodeInfo(id, full) {
    const n = byId[id];
    const c = classByKey[n.group];
    const box = el("div", {}, [el("div", { class: "info-title" }, n.full || n.label),
      el("div", { class: "info-type" }, [swatch(c), c.label + (c.family && c.label !== c.family ? " · " + c.family : "")])]);
    const when = whenLine(n.t);
    if (when) box.append(when);
    if (n.p) {
      const rows = n.p.slice(0, full ? n.p.length : 8).map(function (p) {
        return el("tr", {}, [el("th", {}, data.props[p[0]]), el("td", {}, p[1])]);
      });
      box.append(el("table", { class: "info-props" }, rows));
    }
    if (n.v) box.append(el("table", { class: "info-props info-values" }, n.v.map(valueRow)));
    if (n.alt) box.append(el("div", { class: "info-alt" }, "Also: " + n.alt.slice(0, full ? 12 : 4).join(" · ")));
    if (overview && (n.cn || n.a)) {
      box.append(el("div", { class: "info-alt" }, "Stated by " + count(n.cn || 0, "claim") + " in " + count((n.a || []).length, "article")
        + ", " + count(n.qn || (n.q || []).length, "quoted sentence")));
    }
    if (n.a && full) box.append(el("div", { class: "info-alt" }, "In: " + articleTitles(n.a)));
    quoteBlocks(n.q, full ? 30 : 3, n.qn).forEach(function (b) { box.append(b); });
    if (full) box.append(el("div", { class: "info-iri" }, n.iri));
    return box;
  }
  function count(k, what) { return k.toLocaleString("en") + " " + what + (k === 1 ? "" : "s"); }
  function articleTitles(refs) {  // a hub of a large graph is in thousands of articles: the first 20 are named
    const names = refs.slice(0, 20).map(function (a) { return data.articles[a].title; }).join(" · ");
    return refs.length > 20 ? names + " · and " + (refs.length - 20).toLocaleString("en") + " more" : names;
  }
  function edgeInfo(id, full) {
    const e = data.edges[id];
    const box = el("div", {}, [el("div", { class: "info-title" }, data.props[e.p]),
      el("div", { class: "info-type" }, (byId[e.from].full || byId[e.from].label) + " → " + (byId[e.to].full || byId[e.to].label))]);
    const when = whenLine(e.t);
    if (when) box.append(when);
    if (e.a) box.append(el("div", { class: "info-alt" }, "Stated in: " + articleTitles(e.a)));
    quoteBlocks(e.q, full ? 30 : 3, e.qn).forEach(function (b) { box.append(b); });
    return box;
  }
  const tip = $("gg-tip");
  function showTip(content, pointer) {
    tip.replaceChildren(content);
    tip.hidden = false;
    const rect = $("gg-network").getBoundingClientRect();
    const x = rect.left + pointer.x + 14, y = rect.top + pointer.y + 14;
    tip.style.left = Math.max(4, Math.min(x, window.innerWidth - tip.offsetWidth - 8)) + "px";
    tip.style.top = Math.max(4, Math.min(y, window.innerHeight - tip.offsetHeight - 8)) + "px";
  }
  function hideTip() { tip.hidden = true; }
  function showDetails(content, id) {
    const box = $("gg-details");
    const close = el("button", { type: "button", class: "close", title: "Close the details", "aria-label": "Close" }, "×");
    close.addEventListener("click", function () { box.hidden = true; });
    box.replaceChildren(close, el("h2", {}, "Details"), content);
    const n = id === undefined ? null : byId[id];
    if (n && n.nc && !overview) {
      const open = state.allChanges || state.expanded.has(id);
      const button = el("button", { type: "button", class: "fold" }, (open ? "Fold its " : "Show its ") + n.nc + (n.nc === 1 ? " change" : " changes"));
      button.addEventListener("click", function () { toggleFold(id); showDetails(nodeInfo(id, true), id); });
      content.insertBefore(button, content.children[2] || null);
    }
    if (n && overview) {
      const total = uniqueNeighbours(id).length, more = undrawnNeighbours(id).length;
      if (more) {
        const step = Math.min(more, meta.expandStep);
        const all = count(total, "neighbour");
        const text = step === total ? "Show its " + all : step === more ? "Show the other " + step + " of its " + all
          : "Show " + step + " more of its " + all;
        const button = el("button", { type: "button", class: "expand" }, text);
        button.addEventListener("click", function () { expand(id); showDetails(nodeInfo(id, true), id); });
        content.insertBefore(button, content.children[2] || null);
      }
    }
    box.hidden = false;
    box.scrollTop = 0;
    api.shown = n ? id : null;
  }
  function toggleFold(id) {
    if (state.expanded.has(id)) state.expanded.delete(id); else state.expanded.add(id);
    relabel([id]);
    refresh();
  }
  function relabel(ids) {  // a reform's label changes with its fold; the declutter then decides again whether to write it
    ids.forEach(function (id) { muted.delete(id); });
    nodes.update(ids.map(function (id) { return { id: id, label: shownLabel(byId[id]) }; }));
  }
  network.on("hoverNode", function (p) { showTip(nodeInfo(p.node, false), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeInfo(p.edge, false), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", function (p) {
    if (p.nodes.length) showDetails(nodeInfo(p.nodes[0], true), p.nodes[0]);
    else if (p.edges.length) showDetails(edgeInfo(p.edges[0], true));
    declutterSoon();
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length && overview) { expand(p.nodes[0]); showDetails(nodeInfo(p.nodes[0], true), p.nodes[0]); return; }
    if (p.nodes.length && byId[p.nodes[0]].nc) { toggleFold(p.nodes[0]); showDetails(nodeInfo(p.nodes[0], true), p.nodes[0]); }
  });

  // ---- refreshing the view ----------------------------------------------------------------------
  function neighbours(id) {
    if (!adjacency) {
      adjacency = new Map();
      for (const e of data.edges) {
        if (!adjacency.has(e.from)) adjacency.set(e.from, []);
        if (!adjacency.has(e.to)) adjacency.set(e.to, []);
        adjacency.get(e.from).push(e.to);
        adjacency.get(e.to).push(e.from);
      }
    }
    return adjacency.get(id) || [];
  }
  function refresh() {
    const before = visible;
    computeVisible();
    if (overview) place(Array.from(visible).filter(function (id) { return !before.has(id); }));
    if (physicsRan) {  // nodes coming back appear beside a neighbour that is on screen, not where the layout first put them
      const moved = [];
      const now = network.getPositions();
      for (const id of visible) {
        if (before.has(id)) continue;
        const anchor = neighbours(id).find(function (j) { return before.has(j) && now[j]; });
        if (anchor !== undefined) {
          const angle = (id * 2.39996) % (2 * Math.PI);
          moved.push({ id: id, x: now[anchor].x + 60 * Math.cos(angle), y: now[anchor].y + 60 * Math.sin(angle) });
        }
      }
      if (moved.length) nodes.update(moved);
    }
    nodeView.refresh();
    edgeView.refresh();
    updateStats();
    hideTip();
    declutterSoon();
  }

  // ---- an overview: what was not drawn first comes beside a neighbour on screen ----------------------
  const positions = new Map();  // where each node was put, for those off screen
  byId.forEach(function (n) { if (n.x !== undefined) positions.set(n.id, { x: n.x, y: n.y }); });
  const around = new Map();  // how many nodes were put around each node so far
  function uniqueNeighbours(id) { return Array.from(new Set(neighbours(id))); }
  function undrawnNeighbours(id) {  // most connected first
    return uniqueNeighbours(id).filter(function (j) { return !chosen.has(j); })
      .sort(function (a, b) { return neighbours(b).length - neighbours(a).length || a - b; });
  }
  function place(ids, prefer) {  // positions for nodes that have none: around `prefer`, else a placed neighbour
    const now = network.getPositions();
    const at = function (id) { return now[id] || positions.get(id); };
    let pending = ids.filter(function (id) { return !positions.has(id); });
    const moved = [];
    while (pending.length) {
      const waiting = [];
      for (const id of pending) {
        const near = neighbours(id);
        const anchor = prefer !== undefined && near.indexOf(prefer) >= 0 ? prefer
          : near.find(function (j) { return visible.has(j) && at(j); }) ?? near.find(at);
        if (anchor === undefined) { waiting.push(id); continue; }
        moved.push(beside(id, anchor, at(anchor)));
      }
      if (waiting.length === pending.length) {  // linked to nothing placed: around the middle of the view
        const middle = network.getViewPosition();
        waiting.forEach(function (id) { moved.push(beside(id, -1, middle)); });
        break;
      }
      pending = waiting;
    }
    if (moved.length) nodes.update(moved);
  }
  function beside(id, anchor, p) {  // a sunflower around the anchor: the k-th node at distance ~sqrt(k)
    const k = around.get(anchor) || 0;
    around.set(anchor, k + 1);
    const r = 120 + 40 * Math.sqrt(k), angle = k * 2.39996 + anchor;
    const xy = { id: id, x: Math.round(p.x + r * Math.cos(angle)), y: Math.round(p.y + r * Math.sin(angle)) };
    positions.set(id, xy);
    return xy;
  }
  function expand(id) {  // draw the most connected neighbours not drawn yet, meta.expandStep at a time
    const more = undrawnNeighbours(id).slice(0, meta.expandStep);
    more.forEach(function (j) { chosen.add(j); state.pinned.add(j); });
    if (byId[id].nc && !state.expanded.has(id)) { state.expanded.add(id); relabel([id]); }
    place(more, id);
    refresh();
    return more;
  }

  // ---- labels: where two would overlap on screen, only the more important one is written ---------
  // vis-network scales labels with the zoom, so two labels that overlap do so at any zoom where both are
  // drawn; labels smaller than LABEL_MIN_PX on screen are not drawn at all (options.*.scaling.label).
  const muted = new Set();
  const textSize = new Map();  // node id -> size of its own label, measured by vis while the label was written
  let declutterTimer = null;
  function declutterSoon() {
    clearTimeout(declutterTimer);
    declutterTimer = setTimeout(declutter, 60);
  }
  function priority(a, b) {
    const selected = network.getSelectedNodes();
    return (selected.indexOf(b) >= 0) - (selected.indexOf(a) >= 0) || fontSize(b) - fontSize(a)
      || classRank[byId[a].group] - classRank[byId[b].group] || nodeSize(b) - nodeSize(a) || a - b;
  }
  function nodeSize(id) { return byId[id].size || classByKey[byId[id].group].size; }
  function fontSize(id) { return byId[id].font ? byId[id].font.size : classByKey[byId[id].group].font; }
  function labelBox(id) {  // where vis writes a node's label (below the shape), in canvas units; null if not drawn
    const node = network.body.nodes[id];
    if (!node || !node.labelModule) return null;
    const font = node.labelModule.fontOptions.size;
    if (!muted.has(id)) textSize.set(id, node.labelModule.getTextSize(ctx, false, false));
    const size = textSize.get(id);
    if (!size || !size.width) return null;
    const top = node.y + 0.5 * (node.shape.height || 2 * node.options.size) + 0.5 * font + 4;
    const gap = 2 / network.getScale();  // the white halo around the letters
    return { left: node.x - size.width / 2 - gap, top: top - gap, right: node.x + size.width / 2 + gap, bottom: top + size.height + gap };
  }
  function shapeBox(id) {
    const node = network.body.nodes[id];
    const r = node ? node.options.size : 0;
    return node && { id: id, left: node.x - r, top: node.y - r, right: node.x + r, bottom: node.y + r };
  }
  function overlaps(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
  const ctx = network.canvas.getContext();
  function declutter() {
    if (visible.size > 3000) return;
    const kept = [], mute = new Set();
    const shapes = [];  // a label written over another node hides it
    for (const id of visible) { const box = shapeBox(id); if (box) shapes.push(box); }
    const scale = network.getScale();
    for (const id of Array.from(visible).sort(priority)) {
      const box = labelBox(id);
      if (!box) continue;
      // vis fades labels just under its threshold in: too small to read, they wait for a closer zoom
      if (network.body.nodes[id].labelModule.fontOptions.size * scale < LABEL_MIN_PX) { mute.add(id); continue; }
      // another label in the way, or a node (only a hub's name may cover a lesser node): it waits for a closer zoom
      const hit = function (k) { return k.id !== id && overlaps(k, box); };
      const hub = fontSize(id) >= HUB_FONT;
      const blocks = function (k) { return hit(k) && (!hub || priority(k.id, id) <= 0); };
      if (kept.some(hit) || shapes.some(blocks)) mute.add(id); else kept.push(box);
    }
    const changes = [];
    for (const id of mute) if (!muted.has(id)) changes.push({ id: id, label: "" });
    for (const id of muted) if (!mute.has(id) && nodes.get(id)) changes.push({ id: id, label: shownLabel(byId[id]) });
    muted.clear();
    mute.forEach(function (id) { muted.add(id); });
    if (changes.length) nodes.update(changes);
  }
  function drawnLabels() {  // the labels on screen, as vis measured them when drawing: for tests
    const out = [];
    const rect = $("gg-network").getBoundingClientRect();
    for (const id of visible) {
      const node = network.body.nodes[id];
      if (!node || muted.has(id) || !node.labelModule.visible()) continue;
      const s = node.labelModule.size;
      const a = network.canvasToDOM({ x: s.left, y: s.top }), b = network.canvasToDOM({ x: s.left + s.width, y: s.top + s.height });
      if (b.x < 0 || b.y < 0 || a.x > rect.width || a.y > rect.height) continue;
      out.push({ id: id, left: a.x, top: a.y, right: b.x, bottom: b.y, px: node.labelModule.fontOptions.size * network.getScale() });
    }
    return out;
  }
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);
  network.on("stabilized", declutterSoon);
  network.on("animationFinished", declutterSoon);
  function updateStats() {
    const shownEdges = edgeView.length;
    if (overview) {
      $("gg-stats").textContent = visible.size.toLocaleString("en") + " of " + byId.length.toLocaleString("en") + " entities drawn · "
        + shownEdges.toLocaleString("en") + " of " + count(data.edges.length, "link") + " · "
        + meta.provenance.toLocaleString("en") + " claims, sentences and articles in the details";
      return;
    }
    $("gg-stats").textContent = visible.size.toLocaleString("en") + " of " + byId.length.toLocaleString("en") + " nodes · " +
      shownEdges.toLocaleString("en") + " of " + data.edges.length.toLocaleString("en") + " edges shown";
  }

  // ---- provenance and physics -------------------------------------------------------------------
  const provCounts = {};
  for (const n of byId) if (n.prov) provCounts[classByKey[n.group].family] = (provCounts[classByKey[n.group].family] || 0) + 1;
  const provButton = $("gg-prov");
  provButton.title = Object.keys(provCounts).map(function (k) { return provCounts[k] + " " + k; }).join(", ") || "no provenance in this view";
  function setProvenance(on) {
    state.prov = on;
    provButton.setAttribute("aria-pressed", on ? "true" : "false");
    provButton.textContent = on ? "Hide provenance" : "Show provenance";
    refresh();
  }
  provButton.addEventListener("click", function () { setProvenance(!state.prov); });
  if (overview) {
    provButton.disabled = true;
    provButton.textContent = "Provenance: in the details";
    provButton.title = "a large graph's page holds its entities only: the details of each count and quote what states it";
  }
  const physicsBox = $("gg-physics");
  physicsBox.checked = state.physics;
  physicsBox.addEventListener("change", function () {
    state.physics = physicsBox.checked;
    if (state.physics) physicsRan = true;
    network.setOptions({ physics: { enabled: state.physics } });
  });
  function toggleSwitch(id, countId, count, key, after) {
    const box = $(id);
    $(countId).textContent = "(" + count + ")";
    box.disabled = !count;
    box.addEventListener("change", function () { state[key] = box.checked; if (after) after(); refresh(); });
  }
  const folds = byId.filter(function (n) { return n.in; }).length;
  toggleSwitch("gg-changes", "gg-changes-n", folds, "allChanges", function () {
    relabel(byId.filter(function (n) { return n.nc; }).map(function (n) { return n.id; }));
  });
  toggleSwitch("gg-minor", "gg-minor-n", byId.filter(function (n) { return n.minor; }).length, "minor");
  if (overview) {  // what a large graph's page draws is what it drew first, found or expanded
    ["gg-changes", "gg-minor"].forEach(function (box) {
      $(box).disabled = true;
      $(box).parentNode.title = "on a large graph's page, double-click a node or use its details to show its neighbours";
    });
  }
  $("gg-fit").addEventListener("click", function () { network.fit({ animation: { duration: 400 } }); });

  // ---- legend and class filter ------------------------------------------------------------------
  const legend = $("gg-legend");
  let lastFamily = null;
  const classBoxes = {};
  data.classes.forEach(function (c) {
    if (c.family !== lastFamily) {
      legend.append(el("h3", {}, c.family + (c.prov ? " (provenance)" : "")));
      lastFamily = c.family;
    }
    const box = el("input", { type: "checkbox", "data-class": c.key });
    box.checked = true;
    classBoxes[c.key] = box;
    const row = el("label", { class: "cls", title: c.iri }, [box, swatch(c), c.label, el("span", { class: "n" }, String(c.count))]);
    box.addEventListener("change", function () {
      if (box.checked) state.hidden.delete(c.key); else state.hidden.add(c.key);
      row.classList.toggle("off", !box.checked);
      refresh();
    });
    legend.append(row);
  });
  function setAllClasses(on) {
    for (const key in classBoxes) {
      classBoxes[key].checked = on;
      classBoxes[key].parentNode.classList.toggle("off", !on);
      if (on) state.hidden.delete(key); else state.hidden.add(key);
    }
    refresh();
  }
  $("gg-all").addEventListener("click", function () { setAllClasses(true); });
  $("gg-none").addEventListener("click", function () { setAllClasses(false); });

  // ---- article and reform filters ---------------------------------------------------------------
  function fillSelect(select, items, allText, noneText, text) {
    select.append(el("option", { value: "" }, items.length ? allText : noneText));
    items.forEach(function (item, i) { if (item.id !== null) select.append(el("option", { value: String(i) }, text(item))); });
    select.disabled = !items.length;
  }
  const articleSelect = $("gg-article"), reformSelect = $("gg-reform");
  fillSelect(articleSelect, data.articles, "all articles", "no source articles", function (a) {
    return (a.title.length > 70 ? a.title.slice(0, 68) + "…" : a.title) + (a.date ? " (" + a.date + ")" : "");
  });
  fillSelect(reformSelect, data.reforms, "all reforms", "no reforms in this graph", function (r) {
    return r.label + (r.date ? " (" + r.date + ")" : "");
  });
  articleSelect.addEventListener("change", function () {
    state.article = articleSelect.value === "" ? null : Number(articleSelect.value);
    refresh();
  });
  reformSelect.addEventListener("change", function () {
    state.reform = reformSelect.value === "" ? null : Number(reformSelect.value);
    refresh();
  });

  // ---- search -----------------------------------------------------------------------------------
  const labels = new Set();
  if (!overview) for (const n of byId) if (!n.prov || byId.length < 5000) labels.add(n.full || n.label);
  const list = $("gg-labels");
  Array.from(labels).sort().forEach(function (l) { list.append(el("option", { value: l })); });
  function suggest() {  // an overview's list: the names that start with what was typed (then contain it), 12 at most
    const q = $("gg-search").value.trim().toLowerCase();
    const found = [[], []];
    if (q.length >= 2) {
      for (const n of byId) {
        const name = n.full || n.label, low = name.toLowerCase();
        if (low.startsWith(q)) found[0].push(name);
        else if (found[0].length + found[1].length < 12 && low.indexOf(q) >= 0) found[1].push(name);
      }
    }
    const names = Array.from(new Set(found[0].sort().concat(found[1]))).slice(0, 12);
    labels.clear();
    names.forEach(function (l) { labels.add(l); });
    list.replaceChildren.apply(list, names.map(function (l) { return el("option", { value: l }); }));
  }
  function findNode(text) {
    const q = text.trim().toLowerCase();
    if (!q) return null;
    let best = null, bestKey = null;
    for (const n of byId) {
      const names = [n.full || n.label].concat(n.alt || []);
      for (let i = 0; i < names.length; i++) {
        const name = names[i].toLowerCase();
        const rank = name === q ? 0 : name.startsWith(q) ? 1 : name.indexOf(q) >= 0 ? 2 : -1;
        if (rank < 0) continue;
        const key = [rank, n.prov ? 1 : 0, i ? 1 : 0, name.length, n.id];
        if (!bestKey || compare(key, bestKey) < 0) { best = n; bestKey = key; }
      }
      if (n.iri.toLowerCase() === q) { best = n; bestKey = [-1]; }
    }
    return best;
  }
  function compare(a, b) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  }
  function reveal(n, keepTime) {  // undo whatever filter hides this node
    if (overview && !chosen.has(n.id)) { chosen.add(n.id); state.pinned.add(n.id); }
    if (n.prov && !state.prov) { state.prov = true; provButton.setAttribute("aria-pressed", "true"); provButton.textContent = "Hide provenance"; }
    if (state.hidden.has(n.group)) { state.hidden.delete(n.group); classBoxes[n.group].checked = true; classBoxes[n.group].parentNode.classList.remove("off"); }
    if (n.minor && !state.minor) state.pinned.add(n.id);
    if (!unfolded(n)) {  // a change: unfold its reforms
      n.in.forEach(function (r) { state.expanded.add(r); });
      relabel(n.in);
    }
    if (state.article !== null && !(n.a && n.a.indexOf(state.article) >= 0)) { state.article = null; articleSelect.value = ""; }
    if (state.reform !== null && !(n.r && n.r.indexOf(state.reform) >= 0)) { state.reform = null; reformSelect.value = ""; }
    if (!keepTime && !inTime(n.t)) setStop(stops.length);
    refresh();
  }
  function focusNode(id, opening) {  // opening: the page's own --focus, shown at --as-of and at the zoom that fits
    const n = byId[id];
    if (!visible.has(id)) reveal(n, opening);
    showDetails(nodeInfo(id, true), id);
    api.focused = id;
    if (!visible.has(id)) {
      $("gg-search-msg").textContent = (n.full || n.label) + " did not exist on this date; move the time control to see it";
      return;
    }
    network.selectNodes([id]);
    declutterSoon();
    // centred in the part of the network the details panel leaves free
    const panel = $("gg-details").hidden ? 0 : $("gg-details").offsetWidth + 10;
    const width = $("gg-network").clientWidth;
    if (opening) {  // the whole focused view, fitted into that part
      const scale = network.getScale() * Math.max(0.3, (width - panel) / width);
      network.moveTo({ position: network.getViewPosition(), scale: scale, offset: { x: -panel / 2, y: 0 } });
      return;
    }
    network.focus(id, { scale: Math.max(network.getScale(), 1), offset: { x: -panel / 2, y: 0 },
      animation: { duration: 500, easingFunction: "easeInOutQuad" } });
  }
  function search() {
    const n = findNode($("gg-search").value);
    $("gg-search-msg").textContent = n ? "found: " + (n.full || n.label) + " (" + classByKey[n.group].label + ")" : "nothing matches";
    if (n) focusNode(n.id);
  }
  $("gg-go").addEventListener("click", search);
  $("gg-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(); });
  $("gg-search").addEventListener("input", function () {
    if (labels.has($("gg-search").value)) search(); else if (overview) suggest();
  });

  // ---- start ------------------------------------------------------------------------------------
  let drawn = false;
  network.on("afterDrawing", function () {
    if (drawn) return;
    drawn = true;
    timing.firstDraw = performance.now();
    if (!state.physics) ready();
    else setTimeout(ready, 4 * SETTLE_MS);  // in case physics never reports that it settled
  });
  network.on("stabilizationIterationsDone", function () {
    physicsRan = true;
    timing.stabilizationDone = performance.now();
    // a page that keeps drifting is hard to read: settle for at most SETTLE_MS more, then stand still
    setTimeout(function () { if (!started) { network.stopSimulation(); ready(); } }, SETTLE_MS);
  });
  network.once("stabilized", function () { ready(); });
  let started = false;
  function ready() {
    if (started) return;
    started = true;
    timing.ready = performance.now();
    if (meta.focus !== null && meta.focus !== undefined) focusNode(meta.focus, true);
    declutter();
    // two frames: vis redraws the labels the declutter changed on the next one
    requestAnimationFrame(function () { requestAnimationFrame(function () { document.body.setAttribute("data-ready", "1"); }); });
  }
  if (!state.physics) network.fit();
  updateStats();
  const api = { data: data, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, network: network, state: state,
    timing: timing, visible: function () { return Array.from(visible); }, refresh: refresh, findNode: findNode,
    focusNode: focusNode, setProvenance: setProvenance, setStop: setStop, drawnLabels: drawnLabels, declutter: declutter,
    toggleFold: toggleFold, expand: expand, chosen: function () { return Array.from(chosen); }, focused: null, shown: null };
  window.govgraph = api;
})();
