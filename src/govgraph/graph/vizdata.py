"""The data the network page runs on: vis-network node and edge records plus the tables its controls use.

Nodes and edges are plain vis DataSet items (id, label, group, x, y ...) with a few short extra
fields the page's script reads: ``a`` source articles, ``r`` reforms, ``q`` quotes, ``p`` key
properties, ``t`` the date interval, ``prov`` provenance, ``in`` the reforms a change is folded into
(``nc`` on a reform: how many), ``minor`` a country mentioned only in passing, ``v`` the values that
reforms change ([attribute, before, after, day], so the time control can show the one in force).
A large graph's page (see overview.py; ``meta.overview``) holds entities only, positions only for those
drawn first (``meta.first``), and adds ``cn`` claims about a node and ``qn`` how many sentences support it
when it quotes fewer. Everything is built in sorted order, so the same graph always gives the same data.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from govgraph.graph.layout import compute_layout
from govgraph.graph.network import Network, Node, Support, ancestors
from govgraph.graph.overview import (
    EXPAND_STEP,
    OVERVIEW_QUOTES,
    claim_counts,
    digest_quotes,
    first_set,
    is_overview,
    renumber_quotes,
)
from govgraph.graph.timeline import Timeline, day_before, period
from govgraph.graph.vizstyle import CLASS_LABELS, border, family_of, family_rank, shade, wrap_width
from govgraph.namespaces import DCTERMS, GG

LARGE = 2000  # nodes above which edges are drawn straight and hidden while dragging
MAX_QUOTES = 30
_LABEL_CHARS = 48
_KEY_PROPERTIES = [str(p) for p in (
    GG.description, GG.definition, GG.date, GG.startDate, GG.endDate, GG.existedFrom, GG.existedUntil,
    GG.memberCount, GG.seatCount, GG.voteShare, GG.chamberRank, GG.selectionMethod, GG.level, GG.termYears,
    GG.termLimit, GG.attribute, GG.fromValue, GG.toValue, DCTERMS.date, GG.fileName, GG.extractor, GG.confidence,
)]
_HIDDEN_PROPERTIES = {str(GG.contentHash), str(DCTERMS.identifier), str(DCTERMS.title)}
_RANK = {p: i for i, p in enumerate(_KEY_PROPERTIES)}
_DATE = str(DCTERMS.date)
_HAS_CHANGE = str(GG.hasChange)
_CHANGED, _ATTRIBUTE, _FROM, _TO = str(GG.changedThing), str(GG.attribute), str(GG.fromValue), str(GG.toValue)
MINOR_SHARE = 0.25  # a country with less than this share of the most present country's links and quotes is minor
_CHAR_WIDTH = 0.6  # average glyph width of the page's sans-serif font, in font sizes
_MAX_FONT = 26
# canvas area (px at zoom 1) the layout gives to labels of the first screen: about a third of a 1000 x 750 view
# at zoom 0.6, so the whole first screen fits at a zoom where those labels are at least LABEL_MIN_PX tall
LABEL_ROOM = 700_000


def short(text: str, limit: int = _LABEL_CHARS) -> str:
    """The text cut at a word boundary to about `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[:limit]).rstrip(",;:") + "…"


class _Table:
    """Strings stored once and referred to by index."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def ref(self, value: Any) -> int:
        return self.index.setdefault(value, len(self.index))

    def values(self) -> list[Any]:
        return list(self.index)


def page_data(network: Network, times: Timeline, keep: set[str] | None = None, *, title: str,
              as_of: str | None = None, focus: str | None = None) -> dict[str, Any]:
    """Everything the page needs, as JSON-ready data.

    Args:
        network: the projected graph.
        times: intervals of its dated nodes and edges.
        keep: only these nodes (a focused view); all when None.
        title: shown at the top of the page.
        as_of: ISO day the time control starts at; no time filter when None.
        focus: IRI of the node the view opens on.

    Returns:
        meta, classes, articles, reforms, props, quotes, stops, nodes and edges.
    """
    # the first screen holds the structure without the changes (folded into their reform) and the countries
    # mentioned in passing; those are laid out after it, beside what they link to
    iris = [iri for iri in network.nodes if keep is None or iri in keep]
    digest = network.digest  # a large graph's entity view: its provenance counted, not held
    overview = is_overview(digest.nodes if digest else len(iris))
    if overview:  # entities only; their provenance is counted and quoted in their details
        iris = [iri for iri in iris if not network.nodes[iri].provenance]
    ids = {iri: i for i, iri in enumerate(iris)}
    edge_keys = sorted((k for k in network.edges if k[0] in ids and k[2] in ids and k[0] != k[2]),
                       key=lambda k: (ids[k[0]], ids[k[2]], k[1]))
    kinds = {cls: family_of(_ancestors(network, cls))[1].key for cls in {n.cls for n in network.nodes.values()}}
    classes, class_index = _classes(network, iris)
    articles = sorted((iri for iri, n in network.nodes.items() if kinds[n.cls] == "article"),
                      key=lambda iri: (network.nodes[iri].label, iri))
    article_index = {iri: i for i, iri in enumerate(articles)}
    if digest:
        rows, node_quotes, edge_quotes = digest_quotes(digest)
        node_totals = {iri: q.count for iri, q in digest.node_quotes.items()}
        edge_totals = {key: q.count for key, q in digest.edge_quotes.items()}
    else:
        table, node_quotes, edge_quotes = _quotes(network, article_index, provenance=not overview)
        rows = list(table.values())
        node_totals = {iri: len(refs) for iri, refs in node_quotes.items()}
        edge_totals = {key: len(refs) for key, refs in edge_quotes.items()}
    reforms = [iri for iri in iris if kinds[network.nodes[iri].cls] == "reform"]
    changes = {iri for iri in iris if kinds[network.nodes[iri].cls] == "change"}
    scopes = _reform_scopes(network, reforms, changes, ids)
    labels: dict[str, str] = {}
    statements: dict[str, list[tuple[str, str]]] = {}
    if not overview:  # claims and quoted sentences are nodes of the page
        labels = {s.evidence: f"“{short(s.quote, 40)}”" for s in network.supports if s.evidence and s.quote}
        labels.update((s.claim, f"claim: {network.label_of(s.predicate)}") for s in network.supports)
        statements = {s.claim: _statement(network, s) for s in network.supports}
    props = _Table()
    degree: dict[str, int] = defaultdict(int)
    for s, _, o in edge_keys:
        degree[s] += 1
        degree[o] += 1
    folded = _folds(network, changes, ids, edge_keys)
    minor = _minor_countries(network, iris, kinds, degree, node_totals)
    switches = _value_switches(network, changes, times)
    family = {c["iri"]: c for c in classes}
    looks = [_look(family[network.nodes[iri].cls], degree[iri]) for iri in iris]
    if overview:
        first = [ids[iri] for iri in first_set(iris, degree, folded.keys() | minor)]
    else:
        first = [i for i, iri in enumerate(iris) if not network.nodes[iri].provenance and iri not in folded and iri not in minor]
    folds_into = Counter(r for refs in folded.values() for r in refs)
    texts = [short(labels.get(iri, network.nodes[iri].label)) for iri in iris]
    lines = [1 + (folds_into[i] > 0) for i in range(len(iris))]
    if overview:
        positions = _first_positions(first, edge_keys, ids, texts, looks, classes, class_index, network, iris, lines)
    else:
        boxes = _boxes(texts, looks, first, [class_index[network.nodes[iri].cls] for iri in iris], lines)
        positions = dict(enumerate(compute_layout(len(iris), [(ids[s], ids[o]) for s, _, o in edge_keys],
                                                  [network.nodes[iri].provenance for iri in iris],
                                                  deferred=[iri in folded or iri in minor for iri in iris], boxes=boxes)))
    limit = OVERVIEW_QUOTES if overview else MAX_QUOTES
    claims = (digest.claims if digest else claim_counts(network, ids)) if overview else {}
    nodes = []
    for iri in iris:
        node = network.nodes[iri]
        cls = classes[class_index[node.cls]]
        record = _node_record(network, node, labels.get(iri, node.label), ids[iri], cls, positions.get(ids[iri]),
                              looks[ids[iri]], props, statements.get(iri, []))
        if node.articles:
            _add_refs(record, "a", sorted(article_index[a] for a in node.articles if a in article_index))
        _add_refs(record, "r", scopes.get(iri, []))
        _add_quotes(record, node_quotes.get(iri, []), limit, overview, node_totals.get(iri, 0))
        _add_refs(record, "in", folded.get(iri, []))
        if iri in claims:
            record["cn"] = claims[iri]
        if iri in switches:
            record["v"] = switches[iri]
        if iri in minor:
            record["minor"] = 1
        if iri in times.nodes:
            record["t"] = [list(iv) for iv in times.nodes[iri]]
        nodes.append(record)
    edges = []
    for index, key in enumerate(edge_keys):
        edge = network.edges[key]
        s, p, o = key
        name = network.label_of(p)
        link: dict[str, Any] = {"id": index, "from": ids[s], "to": ids[o], "p": props.ref(name)}
        if network.nodes[s].provenance or network.nodes[o].provenance:
            link["prov"] = 1
        elif not overview:  # an overview's page writes the names from "props" (half its links' size)
            link["label"] = name
        if edge.articles:
            _add_refs(link, "a", sorted(article_index[a] for a in edge.articles if a in article_index))
        _add_quotes(link, edge_quotes.get(key, []), limit, overview, edge_totals.get(key, 0))
        if key in times.edges:
            link["t"] = [list(iv) for iv in times.edges[key]]
        edges.append(link)
    quote_rows: list[list[Any]] = [list(q) for q in rows]
    if overview:
        quote_rows = renumber_quotes(quote_rows, nodes, edges)
    stops = sorted({d for r in (*nodes, *edges) for iv in r.get("t", ()) for d in iv if d} | ({as_of} if as_of else set()))
    if stops:
        stops.insert(0, day_before(stops[0]))
    opening = set(first)  # what the first screen shows
    for refs in folded.values():
        for reform in refs:
            nodes[reform]["nc"] = nodes[reform].get("nc", 0) + 1
    meta: dict[str, Any] = {
        "title": title,
        "asOf": as_of,
        "focus": ids.get(focus) if focus else None,
        "physics": False,  # positions are computed beforehand, with room for the labels
        "large": len(nodes) > LARGE,
        "nodes": len(nodes),
        "edges": len(edges),
        "structureNodes": len(opening),
        "structureEdges": sum(1 for e in edges if e["from"] in opening and e["to"] in opening),
    }
    if overview:
        held = sum(1 for iri in network.nodes if network.nodes[iri].provenance and (keep is None or iri in keep))
        meta.update(overview=True, first=sorted(first), expandStep=EXPAND_STEP,
                    provenance=digest.provenance if digest else held)
    return {
        "meta": meta,
        "classes": classes,
        "articles": [{"id": ids.get(a), "title": network.nodes[a].label, "date": _article_date(network.nodes[a])}
                     for a in articles],
        "reforms": [{"id": ids[r], "label": network.nodes[r].label, "date": times.nodes.get(r, [(None, None)])[0][0]}
                    for r in reforms],
        "props": props.values(),
        "quotes": quote_rows,
        "stops": stops,
        "nodes": nodes,
        "edges": edges,
    }


def _first_positions(first: list[int], edge_keys: list[tuple[str, str, str]], ids: dict[str, int], texts: list[str],
                     looks: list[tuple[float, int]], classes: list[dict[str, Any]], class_index: dict[str, int],
                     network: Network, iris: list[str], lines: list[int]) -> dict[int, tuple[float, float]]:
    """Positions of an overview's first set, laid out as a small graph's first screen; the page places the rest."""
    local = {node: k for k, node in enumerate(first)}
    links = [(local[ids[s]], local[ids[o]]) for s, _, o in edge_keys if ids[s] in local and ids[o] in local]
    boxes = _boxes([texts[i] for i in first], [looks[i] for i in first], list(range(len(first))),
                   [class_index[network.nodes[iris[i]].cls] for i in first], [lines[i] for i in first])
    xy = compute_layout(len(first), links, [False] * len(first), boxes=boxes)
    return {node: xy[k] for node, k in local.items()}


def _add_quotes(record: dict[str, Any], refs: list[int], limit: int, counted: bool, total: int) -> None:
    """The first `limit` quotes; `qn`, how many there are (`total`), when some are left out of an overview."""
    _add_refs(record, "q", refs[:limit])
    if counted and total > limit:
        record["qn"] = total


def _folds(network: Network, changes: set[str], ids: dict[str, int],
           edge_keys: list[tuple[str, str, str]]) -> dict[str, list[int]]:
    """For each change, the ids of the reforms that have it: it stays folded into them until one is unfolded."""
    folds: dict[str, list[int]] = defaultdict(list)
    for s, p, o in edge_keys:
        if p == _HAS_CHANGE and o in changes and not network.nodes[s].provenance:
            folds[o].append(ids[s])
    return folds


def _value_switches(network: Network, changes: set[str], times: Timeline) -> dict[str, list[list[str | None]]]:
    """For each thing a reform changes: [attribute, value before, value after, day of the reform], by day."""
    switches: dict[str, list[list[str | None]]] = defaultdict(list)
    for change in sorted(changes):
        values = dict(network.nodes[change].literals)
        if _FROM not in values and _TO not in values:
            continue
        day = times.nodes.get(change, [(None, None)])[0][0]
        row = [values.get(_ATTRIBUTE) or "value", values.get(_FROM), values.get(_TO), day]
        for thing in network.out(change, _CHANGED):
            switches[thing].append(row)
    for rows in switches.values():
        rows.sort(key=lambda r: (r[3] or "", str(r[0])))
    return switches


def _minor_countries(network: Network, iris: list[str], kinds: dict[str, str], degree: dict[str, int],
                     quotes: dict[str, int]) -> set[str]:
    """Countries mentioned only in passing: far fewer links and quotes than the country the graph is about."""
    weight = {iri: degree[iri] + quotes.get(iri, 0) for iri in iris if kinds[network.nodes[iri].cls] == "country"}
    if len(weight) < 2:
        return set()
    top = max(weight.values())
    return {iri for iri, w in weight.items() if w < MINOR_SHARE * top}


def _look(cls: dict[str, Any], degree: int) -> tuple[float, int]:
    """Size and label size of a node: hubs of the structure are drawn larger and their names written larger,
    so that they stay legible when the whole network is in view."""
    if cls["prov"] or degree <= 1:
        return cls["size"], cls["font"]
    size = round(cls["size"] + 2.0 * math.sqrt(degree - 1), 1)
    return size, min(round(cls["font"] * math.sqrt(size / cls["size"])), _MAX_FONT)


def _boxes(labels: list[str], looks: list[tuple[float, int]], first: list[int], rank: list[int],
           lines: list[int]) -> list[tuple[float, float, float]]:
    """What the layout keeps apart: the most important nodes of the first screen with room for their label (as
    many as LABEL_ROOM allows, in the order the page writes labels: larger letters, legend order, larger node),
    the others their shape only."""
    boxes = [_label_box(label, *look, roomy=False) for label, look in zip(labels, looks, strict=True)]
    room = float(LABEL_ROOM)
    for i in sorted(first, key=lambda i: (-looks[i][1], rank[i], -looks[i][0], i)):
        box = _label_box(labels[i], *looks[i], roomy=True, extra=lines[i] - 1)
        room -= 4 * box[0] * box[1]
        if room < 0:
            break
        boxes[i] = box
    return boxes


def _label_box(label: str, size: float, font: int, *, roomy: bool, extra: int = 0) -> tuple[float, float, float]:
    """A node with its label below it (or without: `roomy` false), in canvas units, estimated: half width,
    half height, and how far below the node's centre the box's centre is; `extra` lines under the label."""
    if not roomy:
        return size + 4, size + 4, 0.0
    text = len(label) * _CHAR_WIDTH * font
    wrap = wrap_width(font)
    below = (math.ceil(text / wrap) + extra) * font * 1.2 + 6
    return max(min(text, wrap), 2 * size) / 2 + 4, size + below / 2, below / 2


def _ancestors(network: Network, cls: str) -> list[str]:
    return ancestors(cls, network.superclasses)


def _classes(network: Network, iris: list[str]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """One legend entry per class present, in legend order, with its shade of the family colour."""
    counts: dict[str, int] = defaultdict(int)
    for iri in iris:
        counts[network.nodes[iri].cls] += 1
    members: dict[str, list[str]] = defaultdict(list)  # family class -> every class of the ontology in it
    for cls in sorted(set(network.superclasses) | set(counts)):
        members[family_of(_ancestors(network, cls))[0]].append(cls)
    entries: list[dict[str, Any]] = []
    for cls in counts:
        family_cls, family = family_of(_ancestors(network, cls))
        siblings = [family_cls, *[c for c in members[family_cls] if c != family_cls]] if family_cls else members[""]
        color = shade(family.color, siblings.index(cls) if cls in siblings else 0)
        entries.append({
            "iri": cls, "label": CLASS_LABELS.get(cls) or network.label_of(cls), "family": family.label,
            "fkey": family.key, "color": color, "border": border(color), "shape": family.shape,
            "size": family.size, "font": family.font, "prov": family.provenance, "count": counts[cls],
            "_rank": (family_rank(family_cls), cls != family_cls, network.label_of(cls), cls),
        })
    entries.sort(key=lambda e: e.pop("_rank"))
    for index, entry in enumerate(entries):
        entry["key"] = f"c{index}"
    return entries, {e["iri"]: i for i, e in enumerate(entries)}


def _node_record(network: Network, node: Node, label: str, index: int, cls: dict[str, Any],
                 xy: tuple[float, float] | None, look: tuple[float, int], props: _Table,
                 lines: list[tuple[str, str]]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": index, "label": short(label), "group": cls["key"]}
    if xy is not None:  # an overview's page places what it did not draw first when it shows it
        record["x"], record["y"] = xy
    if record["label"] != label:
        record["full"] = label
    size, font = look
    if size != cls["size"]:
        record["size"] = size
    if font != cls["font"]:
        record["font"] = {"size": font}
        record["widthConstraint"] = {"maximum": wrap_width(font)}
    if node.provenance:
        record["prov"] = 1
    record["iri"] = node.iri
    if node.aliases:
        record["alt"] = list(node.aliases[:12])
    lines = lines + _properties(network, node)
    if lines:
        record["p"] = [[props.ref(name), value] for name, value in lines]
    return record


def _statement(network: Network, support: Support) -> list[tuple[str, str]]:
    """What a claim says, in labels: subject — property — object, and where."""
    def name(term: str) -> str:
        return network.nodes[term].label if term in network.nodes else term

    obj = name(support.obj) if support.obj_is_iri else support.obj
    lines = [("statement", f"{name(support.subject)} — {network.label_of(support.predicate)} — {short(obj, 200)}")]
    if support.article:
        lines.append(("stated in", name(support.article)))
    return lines


def _properties(network: Network, node: Node) -> list[tuple[str, str]]:
    """Key literal properties first, in a fixed order, then the rest by name; long texts shortened."""
    shown = [(p, v) for p, v in node.literals if p not in _HIDDEN_PROPERTIES]
    if len(shown) > 1:
        shown.sort(key=lambda pv: (_RANK.get(pv[0], len(_RANK)), network.label_of(pv[0]), pv[1]))
    return [(network.label_of(p), short(v, 600)) for p, v in shown[:20]]


def _article_date(node: Node) -> str | None:
    return next((v for p, v in node.literals if p == _DATE and period(v)), None)


def _quotes(network: Network, article_index: dict[str, int], *, provenance: bool = True) -> tuple[
        dict[tuple[str, int], tuple[str, int]], dict[str, list[int]], dict[tuple[str, str, str], list[int]]]:
    """Each distinct (sentence, article) once; which nodes (claims and quoted sentences too, with `provenance`)
    and edges each supports, in the table's order."""
    table: dict[tuple[str, int], tuple[str, int]] = {}
    ordered = sorted((s for s in network.supports if s.quote),
                     key=lambda s: (article_index.get(s.article or "", -1), s.quote or "", s.claim))
    for support in ordered:
        key = (support.quote or "", article_index.get(support.article or "", -1))
        table.setdefault(key, key)
    positions = {key: i for i, key in enumerate(table)}
    # dicts as ordered sets: a hub is supported by thousands of sentences, too many to search a list for each
    node_quotes: dict[str, dict[int, None]] = defaultdict(dict)
    edge_quotes: dict[tuple[str, str, str], dict[int, None]] = defaultdict(dict)
    for support in ordered:
        ref = positions[(support.quote or "", article_index.get(support.article or "", -1))]
        targets = [support.subject] + ([support.obj] if support.obj_is_iri else [])
        if provenance:
            targets += [support.claim] + ([support.evidence] if support.evidence else [])
        for target in targets:
            node_quotes[target][ref] = None
        if support.obj_is_iri:
            edge_quotes[(support.subject, support.predicate, support.obj)][ref] = None
    return (table, {k: list(v) for k, v in node_quotes.items()}, {k: list(v) for k, v in edge_quotes.items()})


def _reform_scopes(network: Network, reforms: list[str], changes: set[str], ids: dict[str, int]) -> dict[str, list[int]]:
    """For each node, the reforms it belongs to: the reform, what it links to, and what its changes link to."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for s, _, o in network.edges:
        if s in ids and o in ids and not network.nodes[s].provenance and not network.nodes[o].provenance:
            neighbours[s].add(o)
            neighbours[o].add(s)
    scopes: dict[str, list[int]] = defaultdict(list)
    for index, reform in enumerate(reforms):
        scope = {reform} | neighbours[reform]
        for near in sorted(neighbours[reform]):
            if near in changes:
                scope |= neighbours[near]
        for iri in scope:
            scopes[iri].append(index)
    return scopes


def _add_refs(record: dict[str, Any], key: str, refs: list[int]) -> None:
    if refs:
        record[key] = refs
