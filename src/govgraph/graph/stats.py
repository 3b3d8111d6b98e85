"""What a graph holds, counted with SPARQL on its store (embedded or remote alike)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph.graph.store import Binding, GraphStore, store_for
from govgraph.namespaces import GG, PREFIXES, RDF, SCHEMA_GRAPH

# counts by class and by property leave the schema graph out: they describe the data, not the ontology
_NOT_SCHEMA = f"FILTER(?g != <{SCHEMA_GRAPH}>)"
_COUNT = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",  # the default graph holds each triple once
    "quads": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "graphs": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
}
_INSTANCES = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?class }"
_BY_CLASS = ("SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?class } " + _NOT_SCHEMA + " } "
             "GROUP BY ?class ORDER BY DESC(?n) ?class")
# what the claims cost: the claim nodes, the evidence records and extraction methods they share, and the facts
# they state (a qualified claim states none)
_CLAIM_TRIPLES = f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
  {{ VALUES ?class {{ <{GG.Claim}> <{GG.EvidenceRecord}> <{GG.ExtractionMethod}> }} ?s a ?class ; ?p ?o }}
  UNION
  {{ ?claim a <{GG.Claim}> ; <{RDF.subject}> ?s ; <{RDF.predicate}> ?p ; <{RDF.object}> ?o . ?s ?p ?o }}
}} }}"""
_BY_PROPERTY = ("SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                + _NOT_SCHEMA + " } } GROUP BY ?p ORDER BY DESC(?n) ?p")


@dataclass(slots=True)
class GraphStats:
    """Counts of one store: sizes, articles, claims, conflicts, and instances by class and triples by property."""

    store: str
    triples: int
    quads: int
    graphs: int
    articles: int
    claims: int
    conflicts: int
    by_class: dict[str, int] = field(default_factory=dict)
    by_property: dict[str, int] = field(default_factory=dict)
    claim_triples: int = 0  # claim nodes, the facts they state, the evidence records and methods they share

    @property
    def triples_per_claim(self) -> float:
        """What a claim costs in triples, its fact and its share of the provenance nodes included."""
        return self.claim_triples / self.claims if self.claims else 0.0

    def claims_line(self) -> str:
        """'791 (7.63 triples each: ...)': the claims and what each costs."""
        if not self.claims:
            return "0"
        return (f"{self.claims} ({self.triples_per_claim:.2f} triples each: claim, fact and share of "
                "evidence records and extraction methods)")

    def as_dict(self) -> dict[str, object]:
        """Plain data, for JSON."""
        return asdict(self)

    def lines(self) -> list[str]:
        """The report as aligned text lines, IRIs shortened with the bound prefixes."""
        out = [f"store      {self.store}",
               f"graphs     {self.graphs}",
               f"triples    {self.triples} ({self.quads} quads across graphs)",
               f"articles   {self.articles}",
               f"claims     {self.claims_line()}",
               f"conflicts  {self.conflicts}"]
        for title, counts in (("instances by class", self.by_class), ("triples by property", self.by_property)):
            out += ["", f"{title} (schema graph left out):"]
            names = {iri: curie(iri) for iri in counts}
            width = max((len(n) for n in names.values()), default=0)
            out += [f"  {names[iri]:<{width}}  {count:>7}" for iri, count in counts.items()]
        return out


def curie(iri: str) -> str:
    """'https://w3id.org/govgraph#Claim' -> 'gg:Claim' (the longest bound namespace wins)."""
    best = max((p for p, ns in PREFIXES.items() if iri.startswith(str(ns))), key=lambda p: len(PREFIXES[p]), default=None)
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else f"<{iri}>"


def _number(store: GraphStore, sparql: str, bindings: dict[str, Binding] | None = None) -> int:
    rows = store.query(sparql, bindings)
    assert isinstance(rows, ox.QuerySolutions)
    return sum(int(row["n"].value) for row in rows)


def _table(store: GraphStore, sparql: str, key: str) -> dict[str, int]:
    rows = store.query(sparql)
    assert isinstance(rows, ox.QuerySolutions)
    return {row[key].value: int(row["n"].value) for row in rows if row[key] is not None}


def graph_stats(store: GraphStore) -> GraphStats:
    """Count what a store holds.

    Args:
        store: any `GraphStore` (embedded or SPARQL server).

    Returns:
        The counts, classes and properties in descending order of count.

    Raises:
        QueryError: the store rejects a query.
        StoreError: the store cannot be reached.
    """
    def instances(cls: str) -> int:
        return _number(store, _INSTANCES, {"class": ox.NamedNode(cls)})

    return GraphStats(
        store=store.name,
        triples=_number(store, _COUNT["triples"]),
        quads=_number(store, _COUNT["quads"]),
        graphs=_number(store, _COUNT["graphs"]),
        articles=instances(str(GG.SourceDocument)),
        claims=instances(str(GG.Claim)),
        conflicts=instances(str(GG.Conflict)),
        by_class=_table(store, _BY_CLASS, "class"),
        by_property=_table(store, _BY_PROPERTY, "p"),
        claim_triples=_number(store, _CLAIM_TRIPLES),
    )


def stats_for(out_dir: Path, store: str | None = None) -> GraphStats:
    """Count what a build's store (or the store `store` selects) holds; see `graph_stats`.

    Raises:
        StoreError: no store there, or it cannot be reached.
    """
    source = store_for(out_dir, store)
    try:
        return graph_stats(source)
    finally:
        source.close()
