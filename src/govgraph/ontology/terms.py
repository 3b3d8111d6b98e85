"""What the extraction asks of the schema: the class hierarchy and the single-valued properties.

Both are read from govgraph.ttl (rdfs:subClassOf between gg: classes, owl:FunctionalProperty),
so the ontology is the one place where a class's parents or a property's cardinality is stated.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from govgraph.namespaces import GG


def _local(term: object) -> str | None:
    text = str(term)
    return text[len(str(GG)) :] if isinstance(term, URIRef) and text.startswith(str(GG)) else None


@lru_cache(maxsize=1)
def ancestors() -> dict[str, frozenset[str]]:
    """Every gg: class (local name) -> itself and all its gg: superclasses."""
    from govgraph.ontology import schema_graph

    graph = schema_graph()
    parents: dict[str, set[str]] = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        name = _local(cls)
        if name is None:
            continue
        parents[name] = {p for p in (_local(o) for o in graph.objects(cls, RDFS.subClassOf)) if p and p != name}
    closed: dict[str, frozenset[str]] = {}

    def close(name: str, path: frozenset[str]) -> frozenset[str]:
        if name not in closed:
            found = {name}
            for parent in parents.get(name, ()):
                if parent not in path:
                    found |= close(parent, path | {name})
            closed[name] = frozenset(found)
        return closed[name]

    for name in parents:
        close(name, frozenset())
    return closed


def is_class(name: str) -> bool:
    """Whether `name` is the local name of a gg: class."""
    return name in ancestors()


def is_subclass(cls: str, *parents: str) -> bool:
    """Whether class `cls` is one of `parents` or a subclass of one (by the ontology's rdfs:subClassOf)."""
    found = ancestors().get(cls)
    return found is not None and any(p in found for p in parents)


@lru_cache(maxsize=1)
def functional_properties() -> frozenset[str]:
    """CURIEs ('gg:date') of the properties the ontology declares owl:FunctionalProperty: one value per subject."""
    from govgraph.ontology import schema_graph

    return frozenset(f"gg:{name}" for name in (_local(p) for p in schema_graph().subjects(RDF.type, OWL.FunctionalProperty))
                     if name)
