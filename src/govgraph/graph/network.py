"""The networkx projection of the graph: entities as nodes, relations between them as edges."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox

from govgraph.namespaces import GG, ID, RDF, RDFS, SKOS

_TYPE, _LABEL, _PREF = str(RDF.type), str(RDFS.label), str(SKOS.prefLabel)
PROVENANCE_CLASSES = {str(GG.Claim), str(GG.BuildRun), str(GG.Conflict)}


def local_name(value: str) -> str:
    return value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    """Instances (in the instance namespace) become nodes with label and class; object links become edges.

    Claims, evidence selectors and the build run are kept as nodes with ``provenance=True`` so
    that a view can hide them.
    """
    graph = nx.MultiDiGraph()
    labels: dict[str, str] = {}
    classes: dict[str, str] = {}
    links: list[tuple[str, str, str]] = []
    instance = str(ID)
    for quad in quads:
        s, p, o = quad.subject, quad.predicate.value, quad.object
        if not isinstance(s, ox.NamedNode) or not s.value.startswith(instance) or "/sentence/" in s.value:
            continue
        if p == _TYPE and isinstance(o, ox.NamedNode) and o.value.startswith(str(GG)):
            classes.setdefault(s.value, o.value)
        elif p in (_LABEL, _PREF) and isinstance(o, ox.Literal):
            labels.setdefault(s.value, o.value)
        elif isinstance(o, ox.NamedNode) and o.value.startswith(instance) and "/sentence/" not in o.value:
            links.append((s.value, p, o.value))
    for node, cls in classes.items():
        graph.add_node(node, label=labels.get(node, local_name(node)), cls=local_name(cls),
                       provenance=cls in PROVENANCE_CLASSES)
    for s, p, o in links:
        if s in graph and o in graph:
            graph.add_edge(s, o, key=p, label=local_name(p))
    return graph
