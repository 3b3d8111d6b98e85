"""The network of a large graph as its overview page shows it: entities and the links between them only.

`project_entities(census, quads)` is the second read of the quads (the first is `census.take_census`). It
keeps what the page of a large graph holds (see overview.py): the entities with their class, label,
literals and articles, the links between entities, the source articles' titles and dates, and a `Digest`
of the provenance: per entity and per link, how many claims and sentences support it and the first few
quotes. Claims, evidence records and sentences are read one named graph at a time (`graphclaims`) and
dropped when their graph ends, so memory grows with the entities and their links, not with the claims.
The result is the `Network` that `network.project(quads, lean_above=...)` gives for the same quads, less
its provenance nodes and claims, which the page of a large graph does not hold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from govgraph.graph.census import Census
from govgraph.graph.digest import Digest, Quoted, QuoteKey
from govgraph.graph.graphclaims import GraphClaims
from govgraph.graph.network import (
    _INDIVIDUAL,
    _INSTANCE,
    _SCHEMA,
    _TYPE,
    FOLDED_CLASSES,
    Edge,
    Network,
    Node,
    Support,
    _merge_inverses,
    _node,
)
from govgraph.graph.overview import OVERVIEW_QUOTES


class _Entities:
    """What the page holds of the entities, gathered quad by quad."""

    def __init__(self, census: Census) -> None:
        self.census = census
        self.iris = census.entities
        self.literals: dict[str, set[tuple[str, str, str | None]]] = defaultdict(set)
        self.articles: dict[str, set[str]] = defaultdict(set)
        self.out: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.edges: dict[tuple[str, str, str], Edge] = {}
        self.digest = Digest(census.nodes, census.provenance)
        self.order = census.article_order()
        self._one = {iri: iri for iri in self.iris}.setdefault  # one string per IRI and property kept

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal, g: str, in_article: bool) -> None:
        """A quad whose subject is an entity."""
        s, p = self._one(s, s), self._one(p, p)
        if type(o) is ox.Literal:
            self.literals[s].add((p, o.value, o.language))
            if in_article:
                self.articles[s].add(g)
            return
        target = o.value
        if p == _TYPE:
            return
        target = self._one(target, target)
        self.out[s].add((p, target))
        if in_article:
            self.articles[s].add(g)
        if target in self.iris:
            key = (s, p, target)
            edge = self.edges.get(key)
            if edge is None:
                edge = self.edges[key] = Edge(s, p, target)
            if in_article:
                edge.articles.add(g)
                self.articles[target].add(g)

    def add_support(self, support: Support, quoted: dict[str, set[QuoteKey]],
                    edge_quoted: dict[tuple[str, str, str], set[QuoteKey]]) -> None:
        """A claim: counted for its subject and object, its article theirs, its sentence one of their quotes."""
        ends = [support.subject] + ([support.obj] if support.obj_is_iri and support.obj != support.subject else [])
        key = (self.order.get(support.article or "", -1), support.quote) if support.quote else None
        for end in ends:
            if end not in self.iris:
                continue
            self.digest.claims[end] = self.digest.claims.get(end, 0) + 1
            if support.article:
                self.articles[end].add(support.article)
            if key:
                quoted[end].add(key)
        if key and support.obj_is_iri and support.subject in self.iris and support.obj in self.iris:
            edge_quoted[(support.subject, support.predicate, support.obj)].add(key)

    def close_graph(self, claims: GraphClaims, g: str, pointers: list[tuple[str, str]], in_article: bool) -> None:
        """A graph has ended: its claims, and the entities that its provenance nodes point at."""
        if in_article:
            for s, target in pointers:  # from nodes only, as `network.project` (claims, sentences, the article)
                if claims.types.get(s, set()) - FOLDED_CLASSES and s.startswith(_INSTANCE):
                    self.articles[target].add(g)
        quoted: dict[str, set[QuoteKey]] = defaultdict(set)
        edge_quoted: dict[tuple[str, str, str], set[QuoteKey]] = defaultdict(set)
        for support in claims.supports(self.census.classes):
            self.add_support(support, quoted, edge_quoted)
        for iri, found in quoted.items():
            self.digest.node_quotes.setdefault(iri, Quoted()).add(found, OVERVIEW_QUOTES)
        for key, found in edge_quoted.items():
            self.digest.edge_quotes.setdefault(key, Quoted()).add(found, OVERVIEW_QUOTES)

    def network(self) -> Network:
        census = self.census
        nodes: dict[str, Node] = dict(census.articles)
        for s, types in self.iris.items():
            own = types - {_INDIVIDUAL} or types
            lits = [(p, value, language, "") for p, value, language in sorted(self.literals.get(s, ()), key=_order)]
            node = _node(s, own, lits, census.classes, census.schema_labels)
            node.articles = self.articles.get(s, set())
            nodes[s] = node
        _merge_inverses(self.edges, census.schema.inverse)
        superclasses = census.classes.superclasses
        return Network(dict(sorted(nodes.items())), self.edges, [], census.schema_labels, superclasses,
                       {s: sorted(out) for s, out in self.out.items()}, self.digest)


def _order(lit: tuple[str, str, str | None]) -> tuple[str, str, str]:
    return (lit[0], lit[1], lit[2] or "")


def project_entities(census: Census, schema: Iterable[ox.Quad], quads: Iterable[ox.Quad]) -> Network:
    """The network of entities of a graph whose census has been taken.

    Args:
        census: the first read of the same quads.
        schema: the schema graph's quads (links and literals of the individuals that are nodes).
        quads: the other quads, a named graph at a time, as `take_census` read them.

    Returns:
        Entity and article nodes, links between entities, and the `Digest` of the provenance.
    """
    entities = _Entities(census)
    iris, articles = census.entities, census.articles
    named, literal = ox.NamedNode, ox.Literal
    shared: dict[str, str] = {}
    one = shared.setdefault
    for quad in schema:
        if type(quad.subject) is named and quad.subject.value in iris and type(quad.object) in (named, literal):
            entities.add(quad.subject.value, quad.predicate.value, quad.object, _SCHEMA, False)  # type: ignore[arg-type]
    graph, in_article = "", False
    claims, pointers = GraphClaims(), list[tuple[str, str]]()
    for quad in quads:  # the hot loop: exact type checks; only what outlives its graph is interned (in `add`)
        g_term = quad.graph_name
        g = g_term.value if type(g_term) is named else ""
        if g != graph:
            entities.close_graph(claims, graph, pointers, in_article)
            graph, in_article = one(g, g), g in articles
            claims, pointers = GraphClaims(), []
        subject = quad.subject
        if g == _SCHEMA or type(subject) is not named:
            continue
        s, o = subject.value, quad.object
        kind = type(o)
        if s in iris:
            if kind is named or kind is literal:
                entities.add(s, quad.predicate.value, o, graph, in_article)  # type: ignore[arg-type]
        elif kind is named:
            p, target = quad.predicate.value, o.value  # type: ignore[union-attr]
            if p == _TYPE:
                claims.types[s].add(target)
            else:
                claims.link(s, p, target)
                if target in iris:
                    pointers.append((s, target))
        elif kind is literal:
            claims.literal(s, quad.predicate.value, o.value)  # type: ignore[union-attr]
    entities.close_graph(claims, graph, pointers, in_article)
    return entities.network()
