"""Exports load in a second tool: every RDF export parsed by rdflib and by pyoxigraph gives the store's triples."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from conftest import run_cli
from govgraph.graph.exports import FORMATS, export_graph, export_quads
from govgraph.graph.store import open_store
from govgraph.namespaces import GG, PREFIXES, RDF, XSD

RDF_FORMATS = {  # our name -> (pyoxigraph format, rdflib parser name)
    "turtle": (ox.RdfFormat.TURTLE, "turtle"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "nt"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
    "nquads": (ox.RdfFormat.N_QUADS, "nquads"),
    "jsonld": (ox.RdfFormat.JSON_LD, "json-ld"),
}
XSD_STRING = ox.NamedNode(str(XSD.string))
RDF_TYPE, SOURCE_DOCUMENT = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(GG.SourceDocument))


def from_rdflib(term: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, rdflib.Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else XSD_STRING)


def canonical(quads: list[ox.Quad], keep_graphs: bool) -> ox.Dataset:
    """Quads (or their union as triples) with blank nodes renamed canonically: equal datasets are isomorphic."""
    dataset = ox.Dataset(q if keep_graphs else ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def parse_with_pyoxigraph(data: bytes, fmt: str) -> list[ox.Quad]:
    parsed = ox.parse(data, RDF_FORMATS[fmt][0])
    return [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in parsed]


def parse_with_rdflib(data: bytes, fmt: str) -> list[ox.Quad]:
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=RDF_FORMATS[fmt][1])
    quads = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = ox.DefaultGraph() if g is None or g == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else from_rdflib(g)
        quads.append(ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o), graph))
    return quads


@pytest.fixture(scope="module")
def stored(sample_build: Path) -> list[ox.Quad]:
    return list(open_store(sample_build / "store").quads())


@pytest.mark.parametrize("parser", [parse_with_pyoxigraph, parse_with_rdflib], ids=["pyoxigraph", "rdflib"])
@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_export_round_trips(sample_build: Path, stored: list[ox.Quad], fmt: str, parser) -> None:
    parsed = parser(export_graph(fmt, sample_build), fmt)
    assert len(stored) > 1000
    assert canonical(parsed, keep_graphs=False) == canonical(stored, keep_graphs=False)
    if FORMATS[fmt].dataset:  # one named graph per article, each with exactly its own quads
        assert canonical(parsed, keep_graphs=True) == canonical(stored, keep_graphs=True)
        names = {q.graph_name for q in parsed}
        articles = {q.subject for q in stored if q.predicate == RDF_TYPE and q.object == SOURCE_DOCUMENT}
        assert len(articles) == 5 and articles <= names and ox.DefaultGraph() not in names


def test_exports_are_deterministic_and_sorted(sample_build: Path, stored: list[ox.Quad]) -> None:
    for fmt in FORMATS:
        assert export_quads(stored, fmt) == export_quads(list(reversed(stored)), fmt), fmt
    lines = export_graph("ntriples", sample_build).decode().splitlines()
    subjects = [line.split(" ", 1)[0] for line in lines]
    assert subjects == sorted(subjects)


def test_turtle_binds_the_standard_prefixes(sample_build: Path) -> None:
    text = export_graph("turtle", sample_build).decode()
    for prefix in ("gg", "rdfs", "skos", "oa", "prov", "dcterms", "xsd"):
        assert f"@prefix {prefix}: <{PREFIXES[prefix]}> ." in text
    assert "a gg:Claim" in text and "rdfs:label" in text
    assert "\\/" not in text  # instance IRIs are written whole, never as escaped prefixed names


def test_jsonld_has_a_readable_context(sample_build: Path) -> None:
    document = json.loads(export_graph("jsonld", sample_build))
    assert document["@context"] == {p: str(ns) for p, ns in sorted(PREFIXES.items())}
    graphs = {g["@id"] for g in document["@graph"]}
    assert "ggid:graph/schema" in graphs and any(g.startswith("ggid:doc/") for g in graphs)
    nodes = [n for g in document["@graph"] for n in g["@graph"]]
    claim = next(n for n in nodes if n.get("@type") == "gg:Claim")
    assert claim["@id"].startswith("ggid:claim/") and "gg:hasEvidence" in claim and "rdf:subject" in claim


def test_cli_export_stdout_and_file(sample_build: Path, tmp_path: Path) -> None:
    to_stdout = run_cli("export", "--format", "nquads", "--out", str(sample_build))
    assert to_stdout.returncode == 0, to_stdout.stderr
    target = tmp_path / "graph.nq"
    to_file = run_cli("export", "--format", "nquads", "-o", str(target), "--out", str(sample_build))
    assert to_file.returncode == 0 and to_file.stdout == ""
    assert target.read_text(encoding="utf-8") == to_stdout.stdout
    graphml = run_cli("export", "-f", "graphml", "-o", str(tmp_path / "g.graphml"), "--out", str(sample_build))
    assert graphml.returncode == 0 and nx.read_graphml(io.BytesIO((tmp_path / "g.graphml").read_bytes()))


def test_cli_export_errors_are_one_line(sample_build: Path, tmp_path: Path) -> None:
    bad = run_cli("export", "--format", "rdfxml", "--out", str(sample_build))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "use one of: turtle" in bad.stderr
    missing = run_cli("export", "--format", "turtle", "--out", str(tmp_path / "nothing"))
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "govgraph build" in missing.stderr
    assert "Traceback" not in bad.stderr + missing.stderr
