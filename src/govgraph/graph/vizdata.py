"""The data the network page runs on: vis-network node and edge records plus the tables its controls use.

Nodes and edges are plain vis DataSet items (id, label, group, x, y ...) with a few short extra
fields the page's script reads: ``a`` source articles, ``r`` reforms, ``q`` quotes, ``p`` key
properties, ``t`` the date interval, ``prov`` provenance. Everything is built in sorted order,
so the same graph always gives the same data.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from govgraph.graph.layout import compute_layout
from govgraph.graph.network import Network, Node, Support, ancestors
from govgraph.graph.timeline import Timeline, day_before, period
from govgraph.graph.vizstyle import CLASS_LABELS, border, family_of, family_rank, shade
from govgraph.namespaces import DCTERMS, GG

PHYSICS_MAX = 300  # structure nodes above which the page opens with physics off
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
    iris = [iri for iri in network.nodes if keep is None or iri in keep]
    ids = {iri: i for i, iri in enumerate(iris)}
    edge_keys = sorted((k for k in network.edges if k[0] in ids and k[2] in ids and k[0] != k[2]),
                       key=lambda k: (ids[k[0]], ids[k[2]], k[1]))
    kinds = {cls: family_of(_ancestors(network, cls))[1].key for cls in {n.cls for n in network.nodes.values()}}
    classes, class_index = _classes(network, iris)
    articles = sorted((iri for iri, n in network.nodes.items() if kinds[n.cls] == "article"),
                      key=lambda iri: (network.nodes[iri].label, iri))
    article_index = {iri: i for i, iri in enumerate(articles)}
    quotes, node_quotes, edge_quotes = _quotes(network, article_index)
    reforms = [iri for iri in iris if kinds[network.nodes[iri].cls] == "reform"]
    changes = {iri for iri in iris if kinds[network.nodes[iri].cls] == "change"}
    scopes = _reform_scopes(network, reforms, changes, ids)
    labels = {s.evidence: f"“{short(s.quote, 40)}”" for s in network.supports if s.evidence and s.quote}
    labels.update((s.claim, f"claim: {network.label_of(s.predicate)}") for s in network.supports)
    statements = {s.claim: _statement(network, s) for s in network.supports}
    props = _Table()
    degree: dict[str, int] = defaultdict(int)
    for s, _, o in edge_keys:
        degree[s] += 1
        degree[o] += 1
    positions = compute_layout(len(iris), [(ids[s], ids[o]) for s, _, o in edge_keys],
                               [network.nodes[iri].provenance for iri in iris])
    nodes = []
    for iri in iris:
        node = network.nodes[iri]
        cls = classes[class_index[node.cls]]
        record = _node_record(network, node, labels.get(iri, node.label), ids[iri], cls, positions[ids[iri]],
                              degree[iri], props, statements.get(iri, []))
        if node.articles:
            _add_refs(record, "a", sorted(article_index[a] for a in node.articles if a in article_index))
        _add_refs(record, "r", scopes.get(iri, []))
        _add_refs(record, "q", node_quotes.get(iri, [])[:MAX_QUOTES])
        if iri in times.nodes:
            record["t"] = [list(iv) for iv in times.nodes[iri]]
        nodes.append(record)
    edges = []
    for index, key in enumerate(edge_keys):
        edge = network.edges[key]
        s, p, o = key
        name = network.label_of(p)
        record: dict[str, Any] = {"id": index, "from": ids[s], "to": ids[o], "p": props.ref(name)}
        if network.nodes[s].provenance or network.nodes[o].provenance:
            record["prov"] = 1
        else:
            record["label"] = name
        if edge.articles:
            _add_refs(record, "a", sorted(article_index[a] for a in edge.articles if a in article_index))
        _add_refs(record, "q", edge_quotes.get(key, [])[:MAX_QUOTES])
        if key in times.edges:
            record["t"] = [list(iv) for iv in times.edges[key]]
        edges.append(record)
    stops = sorted({d for r in (*nodes, *edges) for iv in r.get("t", ()) for d in iv if d} | ({as_of} if as_of else set()))
    if stops:
        stops.insert(0, day_before(stops[0]))
    structure = sum(1 for n in nodes if "prov" not in n)
    return {
        "meta": {
            "title": title,
            "asOf": as_of,
            "focus": ids.get(focus) if focus else None,
            "physics": 0 < structure <= PHYSICS_MAX,
            "large": len(nodes) > LARGE,
            "nodes": len(nodes),
            "edges": len(edges),
            "structureNodes": structure,
            "structureEdges": sum(1 for e in edges if "prov" not in e),
        },
        "classes": classes,
        "articles": [{"id": ids.get(a), "title": network.nodes[a].label, "date": _article_date(network.nodes[a])}
                     for a in articles],
        "reforms": [{"id": ids[r], "label": network.nodes[r].label, "date": times.nodes.get(r, [(None, None)])[0][0]}
                    for r in reforms],
        "props": props.values(),
        "quotes": [list(q) for q in quotes.values()],
        "stops": stops,
        "nodes": nodes,
        "edges": edges,
    }


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
    entries = []
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


def _node_record(network: Network, node: Node, label: str, index: int, cls: dict[str, Any], xy: tuple[float, float],
                 degree: int, props: _Table, lines: list[tuple[str, str]]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": index, "label": short(label), "group": cls["key"], "x": xy[0], "y": xy[1]}
    if record["label"] != label:
        record["full"] = label
    if not cls["prov"] and degree > 1:
        record["size"] = round(cls["size"] + 2.0 * math.sqrt(degree - 1), 1)
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


def _quotes(network: Network, article_index: dict[str, int]) -> tuple[dict[tuple[str, int], tuple[str, int]],
                                                                       dict[str, list[int]],
                                                                       dict[tuple[str, str, str], list[int]]]:
    """Each distinct (sentence, article) once; which nodes and edges each supports."""
    table: dict[tuple[str, int], tuple[str, int]] = {}
    ordered = sorted((s for s in network.supports if s.quote),
                     key=lambda s: (article_index.get(s.article or "", -1), s.quote or "", s.claim))
    for support in ordered:
        key = (support.quote or "", article_index.get(support.article or "", -1))
        table.setdefault(key, key)
    positions = {key: i for i, key in enumerate(table)}
    node_quotes: dict[str, list[int]] = defaultdict(list)
    edge_quotes: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for support in ordered:
        ref = positions[(support.quote or "", article_index.get(support.article or "", -1))]
        targets = [support.subject, support.claim] + ([support.obj] if support.obj_is_iri else [])
        if support.evidence:
            targets.append(support.evidence)
        for target in targets:
            if ref not in node_quotes[target]:
                node_quotes[target].append(ref)
        if support.obj_is_iri:
            key = (support.subject, support.predicate, support.obj)
            if ref not in edge_quotes[key]:
                edge_quotes[key].append(ref)
    return table, node_quotes, edge_quotes


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
