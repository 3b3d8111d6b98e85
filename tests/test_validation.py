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


def _drop_claim_evidence(graph: rdflib.Graph) -> None:
    claim = next(iter(sorted(graph.subjects(RDF.type, GG.Claim))))
    graph.remove((claim, GG.hasEvidence, None))


def _drop_record_sentences(graph: rdflib.Graph) -> None:
    record = next(iter(sorted(graph.subjects(RDF.type, GG.EvidenceRecord))))
    graph.remove((record, GG.evidence, None))


def _drop_method_confidence(graph: rdflib.Graph) -> None:
    method = next(iter(sorted(graph.subjects(RDF.type, GG.ExtractionMethod))))
    graph.remove((method, GG.confidence, None))


def _age_in_words(graph: rdflib.Graph) -> None:
    person = next(iter(sorted(graph.subjects(RDF.type, GG.Person))))
    graph.add((person, GG.age, rdflib.Literal("sixty")))


@pytest.mark.parametrize(("edit", "said"), [
    (_drop_claim_evidence, "gg:hasevidence"),
    (_drop_record_sentences, "at least one gg:evidence"),
    (_drop_method_confidence, "gg:confidence"),
    (_age_in_words, "gg:age"),
], ids=["claim without evidence record", "evidence record without sentence", "method without confidence",
        "age not a number"])
def test_shacl_rejects_provenance_with_a_part_missing(sample_build: Path, tmp_path: Path, edit, said: str):
    result = run_cli("validate", "--out", str(_copy_with(sample_build, tmp_path, edit)))
    assert result.returncode == 1
    assert "SHACL violation" in result.stdout and said in result.stdout.lower()


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


def test_the_real_w3c_vocabularies_are_shipped():
    from rdflib.namespace import OWL, RDFS

    from govgraph.namespaces import ORG, PROV, SKOS, TIME
    from govgraph.ontology import vocabulary_graph

    vocab = vocabulary_graph()
    assert (PROV.Activity, OWL.disjointWith, PROV.Entity) in vocab
    assert (ORG.role, RDFS.range, ORG.Role) in vocab
    assert (TIME.Interval, RDFS.subClassOf, TIME.TemporalEntity) in vocab
    assert (SKOS.prefLabel, RDFS.subPropertyOf, RDFS.label) in vocab
    assert OWL.imports not in {p for _, p, _ in validation.reasoner_input(rdflib.Graph())}


def test_offices_are_not_roles_and_tenures_are_memberships():
    from rdflib.namespace import RDFS

    from govgraph.namespaces import ORG
    from govgraph.ontology import schema_graph, vocabulary_graph

    both = schema_graph() + vocabulary_graph()
    supers = set(both.transitive_objects(GG.post, RDFS.subPropertyOf))
    assert ORG.role not in supers  # org:role's range is org:Role: every office would be inferred a role
    assert ORG.Membership in set(both.transitive_objects(GG.Tenure, RDFS.subClassOf))


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_owl_check_uses_prov_o_disjointness(sample_build: Path, tmp_path: Path):
    """Only the real PROV-O says activities and entities are disjoint: an article that is also an election breaks it."""
    def activity_and_entity(graph: rdflib.Graph) -> None:
        article = next(iter(graph.subjects(RDF.type, GG.SourceDocument)))
        graph.add((article, RDF.type, GG.Election))

    report = validation.validate_build(_copy_with(sample_build, tmp_path, activity_and_entity))
    assert report.owl_ok is False and any("W3C vocabularies" in line for line in report.lines())


def test_reference_countries_carry_iso_codes_and_link_to_wikidata(sample_build: Path):
    from rdflib.namespace import OWL, SKOS

    from govgraph.ontology import reference_graph

    reference = reference_graph()
    countries = set(reference.subjects(RDF.type, GG.Country))
    assert len(countries) > 190
    for country in countries:
        code = str(country).removeprefix(str(ID)).split("/")[0]
        notations = [str(n) for n in reference.objects(country, SKOS.notation)]
        assert notations == ([] if code == "xk" else [code.upper()]), country  # XK is no ISO 3166 code
    links = {str(o) for c in countries for o in reference.objects(c, OWL.sameAs)}
    assert all(link.startswith("http://www.wikidata.org/entity/Q") for link in links) and len(links) > 100
    graph = rdflib.Graph().parse(sample_build / "graph.ttl")
    kazakhstan = ID["kz/kazakhstan"]
    assert (kazakhstan, OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q232")) in graph
    assert (kazakhstan, SKOS.notation, rdflib.Literal("KZ")) in graph


def test_tenures_are_memberships_with_their_organization(sample_build: Path):
    from govgraph.namespaces import ORG

    graph = rdflib.Graph().parse(sample_build / "graph.ttl")
    tenures = set(graph.subjects(RDF.type, GG.Tenure))
    assert len(tenures) > 5
    for tenure in tenures:
        assert graph.value(tenure, ORG.member) is not None and graph.value(tenure, GG.post) is not None
        body = graph.value(graph.value(tenure, GG.post), GG.officeIn)
        assert graph.value(tenure, ORG.organization) == body  # the body the office belongs to, when known
