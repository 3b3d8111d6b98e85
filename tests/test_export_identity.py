"""One fact, one answer: the store and its exports carry the very terms of the build's files.

Numbers keep their datatype and lexical form (offsets `xsd:integer`, confidence "0.9"), so an
export is isomorphic to graph.ttl / graph.trig and passes the project's own `validate`.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

from conftest import run_cli
from govgraph.graph.rdf import canonical_literal
from govgraph.graph.store import open_store
from govgraph.namespaces import XSD


def canonical(quads) -> ox.Dataset:
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def test_turtle_export_is_graph_ttl_and_passes_validate(sample_build: Path, tmp_path: Path):
    out = tmp_path / "exported"
    out.mkdir()
    result = run_cli("export", "--format", "turtle", "-o", str(out / "graph.ttl"), "--out", str(sample_build))
    assert result.returncode == 0, result.stderr
    assert isomorphic(rdflib.Graph().parse(out / "graph.ttl"), rdflib.Graph().parse(sample_build / "graph.ttl"))
    checked = run_cli("validate", "--out", str(out))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "SHACL: conforms" in checked.stdout and "OWL: inconsistent" not in checked.stdout


def test_trig_export_and_the_store_hold_graph_trig(sample_build: Path, tmp_path: Path):
    target = tmp_path / "graph.trig"
    result = run_cli("export", "--format", "trig", "-o", str(target), "--out", str(sample_build))
    assert result.returncode == 0, result.stderr
    built = canonical(ox.parse(path=str(sample_build / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert canonical(ox.parse(path=str(target), format=ox.RdfFormat.TRIG)) == built
    assert canonical(open_store(sample_build / "store").quads()) == built


def test_every_literal_of_the_files_comes_back_from_the_store_unchanged(sample_build: Path):
    in_file = {q.object for q in ox.parse(path=str(sample_build / "graph.trig"), format=ox.RdfFormat.TRIG)
               if isinstance(q.object, ox.Literal)}
    in_store = {q.object for q in open_store(sample_build / "store").quads() if isinstance(q.object, ox.Literal)}
    assert in_file == in_store
    datatypes = {lit.datatype.value for lit in in_file}
    assert str(XSD.nonNegativeInteger) not in datatypes and str(XSD.integer) in datatypes
    confidences = {lit.value for lit in in_file if lit.datatype.value == str(XSD.decimal)}
    assert "0.9" in confidences and not any(v.endswith("0") and "." in v for v in confidences)


def test_numbers_are_written_as_stores_keep_them():
    store = ox.Store()
    node = ox.NamedNode("urn:x")
    written = {canonical_literal(lexical, str(datatype)) for lexical, datatype in (
        ("0.90", XSD.decimal), ("12", XSD.nonNegativeInteger), ("007", XSD.integer), ("1.0", XSD.decimal),
        ("-0.0", XSD.decimal), ("+2.50", XSD.decimal), ("2022-06", XSD.gYearMonth))}
    store.extend(ox.Quad(node, node, term) for term in written)
    assert {q.object for q in store} == written  # read back term for term, not normalized into something else
    assert canonical_literal("0.90", str(XSD.decimal)) == ox.Literal("0.9", datatype=ox.NamedNode(str(XSD.decimal)))
    assert canonical_literal("12", str(XSD.nonNegativeInteger)) == ox.Literal("12", datatype=ox.NamedNode(str(XSD.integer)))
