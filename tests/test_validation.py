"""`govgraph validate`: SHACL and OWL checks pass on the built graph and reject broken ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib

from conftest import run_cli
from govgraph.namespaces import GG, ID, RDF, RDFS
from govgraph.ontology import validation


def test_validate_passes_on_the_built_graph(sample_build: Path):
    result = run_cli("validate", "--out", str(sample_build))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SHACL: conforms" in result.stdout


def _copy_with(sample_build: Path, tmp_path: Path, edit) -> Path:
    out = tmp_path / "broken"
    out.mkdir()
    graph = rdflib.Graph().parse(sample_build / "graph.ttl", format="turtle")
    edit(graph)
    graph.serialize(out / "graph.ttl", format="turtle")
    return out


def test_shacl_rejects_a_claim_without_evidence(sample_build: Path, tmp_path: Path):
    def drop_evidence(graph: rdflib.Graph) -> None:
        claim = next(iter(graph.subjects(RDF.type, GG.Claim)))
        graph.remove((claim, GG.evidence, None))

    result = run_cli("validate", "--out", str(_copy_with(sample_build, tmp_path, drop_evidence)))
    assert result.returncode == 1
    assert "SHACL violation" in result.stdout and "evidence" in result.stdout.lower()


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_owl_rejects_a_person_who_is_also_a_state_body(sample_build: Path, tmp_path: Path):
    def make_nonsense(graph: rdflib.Graph) -> None:
        node = ID["person/nobody"]
        graph.add((node, RDF.type, GG.Person))
        graph.add((node, RDF.type, GG.StateBody))
        graph.add((node, RDFS.label, rdflib.Literal("Nobody")))

    report = validation.validate_build(_copy_with(sample_build, tmp_path, make_nonsense))
    assert report.owl_ok is False and not report.ok
    assert any("inconsistent" in line for line in report.lines())


def test_without_java_the_owl_check_is_skipped_with_one_note(sample_build: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(validation, "java_available", lambda: False)
    report = validation.validate_build(sample_build)
    assert report.ok and report.owl_ok is None
    assert any("Java is not installed" in note for note in report.notes)


def test_validate_without_a_build_is_one_clear_line(tmp_path: Path):
    result = run_cli("validate", "--out", str(tmp_path))
    assert result.returncode != 0 and "govgraph build" in result.stderr and "Traceback" not in result.stderr
