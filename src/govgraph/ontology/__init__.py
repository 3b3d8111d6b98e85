"""The schema (OWL), the SHACL shapes, the curated reference data and the standard vocabularies, shipped as package files."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph


def asset_path(name: str) -> Path:
    """Path of a file shipped in this package (e.g. 'govgraph.ttl')."""
    return Path(str(resources.files(__name__).joinpath(name)))


def reference_files() -> list[Path]:
    """The reference data files, one per country plus the country-independent one, sorted."""
    return sorted(asset_path("reference").glob("*.ttl"))


@lru_cache(maxsize=1)
def schema_graph() -> Graph:
    """The OWL ontology as an rdflib Graph (cached; do not modify)."""
    return Graph().parse(asset_path("govgraph.ttl"), format="turtle")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes as an rdflib Graph (cached; do not modify)."""
    return Graph().parse(asset_path("shapes.ttl"), format="turtle")


@lru_cache(maxsize=1)
def reference_graph() -> Graph:
    """All reference data files merged (cached; do not modify)."""
    graph = Graph()
    for path in reference_files():
        graph.parse(path, format="turtle")
    return graph


VOCABULARIES = ("org", "prov", "time", "skos")  # the W3C vocabularies the ontology reuses, in vocab/


@lru_cache(maxsize=1)
def vocabulary_graph() -> Graph:
    """ORG, PROV-O, OWL-Time and SKOS as shipped in vocab/ (see its README), merged (cached; do not modify)."""
    graph = Graph()
    for name in VOCABULARIES:
        graph.parse(asset_path(f"vocab/{name}.ttl"), format="turtle")
    return graph
