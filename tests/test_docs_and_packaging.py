"""Ontology documentation and the wheel's contents."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import rdflib

from conftest import run_cli
from govgraph.namespaces import GG, OWL, RDF, RDFS, SKOS
from govgraph.ontology import asset_path, reference_files, schema_graph

REPO = Path(__file__).resolve().parents[1]


def test_docs_writes_html_naming_every_class(tmp_path: Path):
    target = tmp_path / "onto.html"
    result = run_cli("docs", "-o", str(target))
    assert result.returncode == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    graph = schema_graph()
    for cls in graph.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(GG)):
            assert str(graph.value(cls, RDFS.label)) in html


def test_every_schema_term_has_label_and_definition():
    graph = schema_graph()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in graph.subjects(RDF.type, kind):
            if str(term).startswith(str(GG)):
                assert graph.value(term, RDFS.label) is not None, term
                assert graph.value(term, SKOS.definition) is not None, term


def test_reference_data_is_separate_and_loads():
    names = {p.name for p in reference_files()}
    assert {"kz.ttl", "common.ttl"} <= names
    for path in reference_files():
        graph = rdflib.Graph().parse(path, format="turtle")
        assert (None, SKOS.prefLabel, None) in graph
    assert asset_path("shapes.ttl").is_file()


@pytest.mark.slow
def test_wheel_contains_the_build_package_and_data(tmp_path: Path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("govgraph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("govgraph/build/__init__.py", "govgraph/ontology/govgraph.ttl", "govgraph/ontology/shapes.ttl",
                     "govgraph/ontology/reference/kz.ttl", "govgraph/corpus/manifest.json",
                     "govgraph/corpus/000_c20188094737710f.txt"):
        assert required in names, required
