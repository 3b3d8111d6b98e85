"""The first read of a large graph's quads: which IRIs are entities, which are articles, how many nodes in all.

`take_census(schema, quads)` reads the schema graph into memory (a few thousand quads: labels, the class
hierarchy, individuals, inverse properties) and streams the other quads once, a named graph at a time.
It keeps the class of every entity (nodes that are not provenance), each source article's label and date
(the page lists articles by title, and quotes are ordered by article), and counts the provenance nodes
(claims, quoted sentences, articles, conflicts, build runs) without holding them: a 64-bit hash of each,
made distinct at the end (two IRIs sharing a hash, about one chance in 10^7 at 2.5 million nodes, would
count once). A node's types are read in the graph that states them: an IRI typed as provenance in one
graph and as an entity in another counts as both.

The quads must come a named graph at a time (each graph's quads together, in any order within it), as
the build's sorted spool and a store give them; the schema graph's quads among them are skipped.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import pyoxigraph as ox

from govgraph.graph.network import (
    _INDIVIDUAL,
    _INSTANCE,
    _NAMING,
    _SCHEMA,
    _SOURCE_DOCUMENT,
    _TYPE,
    FOLDED_CLASSES,
    Lit,
    Node,
    _Classes,
    _node,
    _pick_label,
    _Quads,
)
from govgraph.namespaces import DCTERMS

_DATE = str(DCTERMS.date)
_ARTICLE_LITERALS = frozenset((*_NAMING, _DATE))  # what the page shows of an article: its title and date


@dataclass(slots=True)
class Census:
    """Entities, articles and counts of a graph, with its schema."""

    schema: _Quads
    classes: _Classes
    schema_labels: dict[str, str]
    entities: dict[str, set[str]]  # entity IRI -> its types (folded classes left out)
    articles: dict[str, Node]  # source articles: label and date only
    provenance: int
    referenced: set[str] = field(default_factory=set)  # schema individuals the instance graphs point at

    @property
    def nodes(self) -> int:
        """Every node of the graph, provenance included."""
        return len(self.entities) + self.provenance

    def article_order(self) -> dict[str, int]:
        """Each article's index in the page's list (by label, then IRI)."""
        ranked = sorted(self.articles, key=lambda iri: (self.articles[iri].label, iri))
        return {iri: i for i, iri in enumerate(ranked)}


class _Graph:
    """The types and article literals of one named graph, until the graph ends."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.types: dict[str, set[str]] = defaultdict(set)
        self.literals: dict[str, list[Lit]] = defaultdict(list)


def take_census(schema: Iterable[ox.Quad], quads: Iterable[ox.Quad]) -> Census:
    """Read the schema, then the other quads once (a named graph at a time), and count what they hold.

    Raises:
        ValueError: a named graph's quads come in two parts (the quads are not grouped by graph).
    """
    index = _Quads(schema)
    superclasses = {c: tuple(sorted(p)) for c, p in index.superclasses.items()}
    classes = _Classes(superclasses)
    labels = {s: label for s, lits in index.schema_labels.items() if (label := _pick_label(lits))}
    census = Census(index, classes, labels, {}, {}, 0)
    hashes = array("q")
    individuals = index.individuals
    named, literal = ox.NamedNode, ox.Literal
    shared: dict[str, str] = {}
    one = shared.setdefault
    done: set[str] = set()
    graph = _Graph("")
    for quad in quads:
        g_term = quad.graph_name
        g = g_term.value if type(g_term) is named else ""
        if g != graph.name:
            _close(graph, census, hashes)
            if g in done:
                raise ValueError(f"the quads of graph <{g}> are not together: read a graph at a time")
            done.add(graph.name)
            graph = _Graph(one(g, g))
        if g == _SCHEMA or type(quad.subject) is not named:
            continue
        p, o = quad.predicate.value, quad.object
        kind = type(o)
        if kind is named:
            value = cast(ox.NamedNode, o).value
            if p == _TYPE:
                s = quad.subject.value
                graph.types[one(s, s)].add(one(value, value))
            elif value in individuals:
                census.referenced.add(value)
        elif kind is literal and p in _ARTICLE_LITERALS:
            s = quad.subject.value
            lit = cast(ox.Literal, o)
            graph.literals[one(s, s)].append((p, lit.value, lit.language, graph.name))
    _close(graph, census, hashes)
    census.provenance = int(np.unique(np.frombuffer(hashes, dtype=np.int64)).size) if hashes else 0
    for s in census.referenced:
        if kept := index.types.get(s, set()) - FOLDED_CLASSES:
            census.entities.setdefault(s, set()).update(kept)
    return census


def _close(graph: _Graph, census: Census, hashes: array[int]) -> None:
    """Sort the subjects typed in a graph that has ended into entities and provenance."""
    classes = census.classes
    for s, types in graph.types.items():
        kept = types - FOLDED_CLASSES
        if not kept or not s.startswith(_INSTANCE):
            continue
        own = kept - {_INDIVIDUAL} or kept
        cls = next(iter(own)) if len(own) == 1 else classes.most_specific(own)
        if not classes.provenance(cls):
            census.entities.setdefault(s, set()).update(kept)
            continue
        hashes.append(hash(s))
        if _SOURCE_DOCUMENT in classes.ancestors(cls):
            census.articles[s] = _node(s, own, graph.literals.get(s, ()), classes, census.schema_labels)
