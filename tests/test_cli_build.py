"""End to end: `govgraph build` on the bundled corpus, run as a user runs it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib

from conftest import run_cli
from govgraph.namespaces import GG, OA, RDF

CONTRACT_FILES = ("graph.ttl", "graph.trig", "graph.html")


def test_build_writes_the_contract_files(sample_build: Path):
    for name in CONTRACT_FILES:
        assert (sample_build / name).stat().st_size > 0, name
    assert (sample_build / "store").is_dir()


def test_turtle_loads_alone_in_rdflib_and_pyoxigraph_with_the_same_triples(sample_build: Path):
    graph = rdflib.Graph().parse(sample_build / "graph.ttl", format="turtle")
    triples = list(ox.parse(path=str(sample_build / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(graph) == len(set(triples)) > 1000


def test_trig_has_one_named_graph_per_article(sample_build: Path):
    dataset = rdflib.Dataset()
    dataset.parse(sample_build / "graph.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs()}
    articles = [n for n in names if "/id/doc/" in n]
    assert len(articles) == 5


def test_every_claim_points_to_article_and_sentence_offsets(sample_build: Path):
    graph = rdflib.Graph().parse(sample_build / "graph.ttl", format="turtle")
    claims = set(graph.subjects(RDF.type, GG.Claim))
    assert claims
    for claim in claims:
        record = graph.value(claim, GG.hasEvidence)
        article = graph.value(record, GG.statedIn)
        assert (article, RDF.type, GG.SourceDocument) in graph
        target = graph.value(record, GG.evidence)
        assert graph.value(target, OA.hasSource) == article
        selectors = set(graph.objects(target, OA.hasSelector))
        exact = next(graph.value(s, OA.exact) for s in selectors if graph.value(s, OA.exact) is not None)
        start = next(int(graph.value(s, OA.start)) for s in selectors if graph.value(s, OA.start) is not None)
        end = next(int(graph.value(s, OA.end)) for s in selectors if graph.value(s, OA.end) is not None)
        assert end - start == len(str(exact))


def test_selector_offsets_match_the_source_text(sample_build: Path):
    from govgraph.corpus import corpus_dir

    graph = rdflib.Graph().parse(sample_build / "graph.ttl", format="turtle")
    checked = 0
    for article in graph.subjects(RDF.type, GG.SourceDocument):
        name = str(graph.value(article, GG.fileName))
        text = (corpus_dir() / name).read_text(encoding="utf-8")
        for target in graph.subjects(OA.hasSource, article):
            selectors = list(graph.objects(target, OA.hasSelector))
            exact = next(str(graph.value(s, OA.exact)) for s in selectors if graph.value(s, OA.exact) is not None)
            start = next(int(graph.value(s, OA.start)) for s in selectors if graph.value(s, OA.start) is not None)
            assert text[start : start + len(exact)] == exact
            checked += 1
    assert checked > 50


def test_instance_statements_are_claimed(sample_build: Path):
    """Every plain statement between instances in an article's graph has a claim with the same triple."""
    dataset = rdflib.Dataset()
    dataset.parse(sample_build / "graph.trig", format="trig")
    for graph in dataset.graphs():
        if "/id/doc/" not in str(graph.identifier):
            continue
        claimed = {(graph.value(c, RDF.subject), graph.value(c, RDF.predicate), graph.value(c, RDF.object))
                   for c in graph.subjects(RDF.type, GG.Claim)}
        shared = set(graph.subjects(RDF.type, GG.EvidenceRecord)) | set(graph.subjects(RDF.type, GG.ExtractionMethod))
        assert shared
        for s, p, o in graph:
            if str(s).startswith("https://w3id.org/govgraph/id/") and "/claim/" not in str(s) and s not in shared \
                    and "/sentence/" not in str(s) and str(s) != str(graph.identifier) \
                    and p not in (RDF.type,) and isinstance(o, rdflib.URIRef) and "/id/" in str(o) \
                    and "/sentence/" not in str(o) and "owl#sameAs" not in str(p):
                assert (s, p, o) in claimed, (s, p, o)


def test_summary_line_and_rebuild_is_byte_identical(tmp_path: Path):
    first = run_cli("build", "--out", str(tmp_path / "a"))
    second = run_cli("build", "--out", str(tmp_path / "b"))
    assert first.returncode == second.returncode == 0
    for word in ("articles", "sentences", "entities", "claims", "triples"):
        assert word in first.stdout
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()
    assert (tmp_path / "a" / "graph.trig").read_bytes() == (tmp_path / "b" / "graph.trig").read_bytes()


def test_build_of_user_files_with_missing_input_is_one_line(tmp_path: Path):
    result = run_cli("build", str(tmp_path / "missing"), "--out", str(tmp_path / "o"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "missing" in result.stderr
    assert not (tmp_path / "o" / "graph.ttl").exists()


def test_bad_file_is_skipped_with_a_warning_and_strict_stops(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("Senate Reform\n\nThe Mazhilis met in Astana.", encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x00\x01binary")
    result = run_cli("build", str(src), "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    assert "bad.txt" in result.stderr and "skipped" in result.stderr
    assert "1 articles" in result.stdout
    strict = run_cli("build", str(src), "--out", str(tmp_path / "o2"), "--strict")
    assert strict.returncode != 0 and "bad.txt" in strict.stderr and "Traceback" not in strict.stderr
