"""Exports of a store for other tools: RDF (Turtle, N-Triples, TriG, N-Quads, JSON-LD) and GraphML.

Graph formats (Turtle, N-Triples, GraphML) hold the union of all named graphs; dataset formats
(TriG, N-Quads, JSON-LD) keep one named graph per article. Output is deterministic: prefixes are
bound, statements sorted, and blank nodes relabelled canonically, so two builds of the same input
export byte-identical files whichever backend they were read from.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import InputError
from govgraph.files import write_atomic
from govgraph.graph.rdf import prefixes, sort_key, turtle_prefixes
from govgraph.namespaces import RDF, XSD

_TYPE = str(RDF.type)
_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format: its file extension, media type and whether it keeps named graphs."""

    name: str
    extension: str
    media_type: str
    dataset: bool


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("turtle", "ttl", "text/turtle", False),
    ExportFormat("ntriples", "nt", "application/n-triples", False),
    ExportFormat("trig", "trig", "application/trig", True),
    ExportFormat("nquads", "nq", "application/n-quads", True),
    ExportFormat("jsonld", "jsonld", "application/ld+json", True),
    ExportFormat("graphml", "graphml", "application/graphml+xml", False),
)}


def canonical_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads deduplicated, blank nodes relabelled canonically, sorted by graph, subject, predicate, object."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return sorted(dataset, key=sort_key)


def canonical_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs as canonical, sorted triples."""
    union = canonical_quads(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    return [ox.Triple(q.subject, q.predicate, q.object) for q in union]


def _compact(iri: str, namespaces: list[tuple[str, str]]) -> str:
    for prefix, namespace in namespaces:
        if iri.startswith(namespace) and not iri[len(namespace) :].startswith("//"):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _jsonld_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple,
                 compact: Callable[[str], str]) -> str | dict[str, str]:
    if isinstance(term, ox.Triple):
        raise ValueError(f"JSON-LD 1.1 has no quoted triples: {term}")
    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value in (_STRING, _LANG_STRING):
        return term.value  # a plain JSON string is an xsd:string literal
    return {"@value": term.value, "@type": compact(term.datatype.value)}


def _node_object(properties: dict[str, list[object]]) -> dict[str, object]:
    """@id, then @type, then properties by name; a single value is written without its list."""
    ordered = sorted(properties, key=lambda key: (key != "@id", key != "@type", key))
    return {key: properties[key][0] if len(properties[key]) == 1 else properties[key] for key in ordered}


def _node_id(term: ox.NamedNode | ox.BlankNode | ox.Triple, compact: Callable[[str], str]) -> str:
    if isinstance(term, ox.Triple):
        raise ValueError(f"JSON-LD 1.1 has no quoted triples: {term}")
    return compact(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def jsonld_document(quads: Iterable[ox.Quad]) -> dict[str, object]:
    """A JSON-LD dataset: the bound prefixes as @context, one named graph (@id + @graph) per graph name."""
    bound = prefixes()
    namespaces = sorted(((p, ns) for p, ns in bound.items()), key=lambda item: -len(item[1]))

    def compact(iri: str) -> str:
        return _compact(iri, namespaces)

    nodes: dict[str, dict[str, dict[str, list[object]]]] = defaultdict(dict)
    for quad in canonical_quads(quads):
        graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else _node_id(quad.graph_name, compact)
        subject = _node_id(quad.subject, compact)
        node = nodes[graph].setdefault(subject, {"@id": [subject]})
        if quad.predicate.value == _TYPE and isinstance(quad.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(quad.object.value))
        else:
            node.setdefault(compact(quad.predicate.value), []).append(_jsonld_term(quad.object, compact))
    default = [_node_object(node) for node in nodes.pop("", {}).values()]
    named = [{"@id": name, "@graph": [_node_object(node) for node in graph_nodes.values()]}
             for name, graph_nodes in sorted(nodes.items())]
    return {"@context": dict(sorted(bound.items())), "@graph": default + named}


def graphml_bytes(quads: Iterable[ox.Quad], *, provenance: bool = False) -> bytes:
    """The entity network as GraphML, for Gephi and Cytoscape: IRIs as node ids, facts and quotes as attributes.

    Claims, quoted sentences, source articles, conflicts and the build run are left out unless `provenance`
    is set; without them, each node carries its literal facts (``memberCount`` ...) and the number of
    articles that mention it, and each edge the articles that state it and one sentence that does.

    Args:
        quads: every quad of the graph (schema graph included, for labels).
        provenance: also keep the provenance nodes and their links, flagged by a ``provenance`` attribute.
    """
    import networkx as nx

    from govgraph.graph.network import NAME_PROPERTIES, local_name, project

    network = project(canonical_quads(quads))  # sorted input: the same projection whichever store was read
    kept = {iri for iri, node in network.nodes.items() if provenance or not node.provenance}
    quotes: dict[tuple[str, str, str], str] = {}
    for support in network.supports:
        if support.obj_is_iri and support.quote:
            quotes.setdefault((support.subject, support.predicate, support.obj), support.quote)

    def title(article: str) -> str:
        return network.nodes[article].label if article in network.nodes else article

    graph = nx.MultiDiGraph()
    for iri in sorted(kept):
        node = network.nodes[iri]
        facts: dict[str, list[str]] = defaultdict(list)
        for prop, value in node.literals:
            if prop not in NAME_PROPERTIES and local_name(prop) not in _GRAPHML_RESERVED:
                facts[local_name(prop)].append(value)
        attributes: dict[str, str | int | bool] = {name: "; ".join(sorted(set(v))) for name, v in sorted(facts.items())}
        attributes.update(label=node.label, iri=iri, sources=len(node.articles), **{"class": local_name(node.cls)})
        if provenance:
            attributes["provenance"] = node.provenance
        graph.add_node(iri, **attributes)
    edges = sorted((e for e in network.edges.values() if e.source in kept and e.target in kept),
                   key=lambda e: (e.source, e.target, e.prop))
    for index, edge in enumerate(edges):  # unique edge ids: Gephi merges edges that share one
        graph.add_edge(edge.source, edge.target, key=f"e{index}", label=network.label_of(edge.prop), predicate=edge.prop,
                       sources=len(edge.articles), articles="; ".join(sorted(title(a) for a in edge.articles)),
                       quote=quotes.get((edge.source, edge.prop, edge.target), ""))
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


_GRAPHML_RESERVED = frozenset({"label", "iri", "class", "sources", "provenance"})


def export_network(out_dir: Path, store: str | None = None, target: Path | None = None, *,
                   provenance: bool = False) -> bytes:
    """The network of a build's store (or the store `store` selects) as GraphML; see `graphml_bytes`.

    Raises:
        StoreError: the store cannot be read.
    """
    from govgraph.graph.store import store_for

    source = store_for(out_dir, store)
    try:
        data = graphml_bytes(source.quads(), provenance=provenance)
    finally:
        source.close()
    if target is not None:
        write_atomic(target, lambda tmp: tmp.write_bytes(data))
    return data


def export_quads(quads: Iterable[ox.Quad], fmt: str) -> bytes:
    """Serialize quads in one of `FORMATS`.

    Args:
        quads: every quad to export, in named graphs.
        fmt: a key of `FORMATS`.

    Returns:
        The serialized document.

    Raises:
        InputError: unknown format.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if fmt == "graphml":
        return graphml_bytes(quads)
    if fmt == "jsonld":
        text = json.dumps(jsonld_document(quads), ensure_ascii=False, indent=1)
        return (text + "\n").encode("utf-8")
    if FORMATS[fmt].dataset:
        data: list[ox.Quad] | list[ox.Triple] = canonical_quads(quads)
        rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
    else:
        data = canonical_triples(quads)
        rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
    bound = turtle_prefixes() if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(data, format=rdf_format, prefixes=bound) or b""


def export_graph(fmt: str, out_dir: Path, store: str | None = None, target: Path | None = None) -> bytes:
    """Export a build's store (or the store `store` selects) in one format.

    Args:
        fmt: a key of `FORMATS`.
        out_dir: the build's output folder (its store/ is read unless `store` is given).
        store: a store selector (folder or SPARQL server URL), see `open_store`.
        target: file to write atomically; nothing is written when None.

    Returns:
        The serialized document.

    Raises:
        InputError: unknown format.
        StoreError: the store cannot be read.
    """
    from govgraph.graph.store import store_for

    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    source = store_for(out_dir, store)
    try:
        data = export_quads(source.quads(), fmt)
    finally:
        source.close()
    if target is not None:
        write_atomic(target, lambda tmp: tmp.write_bytes(data))
    return data
