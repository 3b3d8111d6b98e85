"""`govgraph stats` prints counts that match direct SPARQL counts and the stored quads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox

from conftest import run_cli
from govgraph.graph.stats import curie, graph_stats
from govgraph.graph.store import open_store
from govgraph.namespaces import GG, SCHEMA_GRAPH


def sparql_count(store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


def test_stats_command_prints_the_counts(sample_build: Path) -> None:
    result = run_cli("stats", "--out", str(sample_build))
    assert result.returncode == 0, result.stderr
    printed = dict(re.findall(r"^(graphs|triples|articles|claims|conflicts)\s+(\d+)", result.stdout, re.MULTILINE))
    store = open_store(sample_build / "store")
    assert int(printed["claims"]) == sparql_count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a gg:Claim }") > 0
    articles = sparql_count(store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a gg:SourceDocument }")
    assert int(printed["articles"]) == articles == 5
    assert int(printed["graphs"]) == len(store.graphs())
    assert int(printed["triples"]) == len({(q.subject, q.predicate, q.object) for q in store.quads()})
    assert int(printed["conflicts"]) == sparql_count(store, "SELECT (COUNT(DISTINCT ?k) AS ?n) WHERE { ?k a gg:Conflict }")
    assert re.search(r"^\s+gg:Claim\s+" + printed["claims"] + "$", result.stdout, re.MULTILINE)
    assert "triples by property" in result.stdout and re.search(r"^\s+rdf:type\s+\d+$", result.stdout, re.MULTILINE)


def test_stats_json_matches_the_stored_quads(sample_build: Path) -> None:
    result = run_cli("stats", "--json", "--out", str(sample_build))
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    quads = list(open_store(sample_build / "store").quads())
    data = {(q.subject, q.predicate, q.object) for q in quads if q.graph_name != ox.NamedNode(str(SCHEMA_GRAPH))}
    assert stats["quads"] == len(quads)
    assert sum(stats["by_property"].values()) == len(data)
    typed = {(s, o.value) for s, p, o in data if p.value.endswith("#type") and isinstance(o, ox.NamedNode)}
    expected: dict[str, int] = {}
    for _, cls in typed:
        expected[cls] = expected.get(cls, 0) + 1
    assert stats["by_class"] == expected
    assert list(stats["by_class"].values()) == sorted(stats["by_class"].values(), reverse=True)


def test_graph_stats_api(sample_build: Path) -> None:
    stats = graph_stats(open_store(sample_build / "store"))
    assert stats.by_class[str(GG.SourceDocument)] == stats.articles == 5
    assert stats.by_class[str(GG.Claim)] == stats.claims
    assert stats.triples <= stats.quads
    assert curie(str(GG.Claim)) == "gg:Claim" and curie("https://w3id.org/govgraph/id/kz/mazhilis") == "ggid:kz/mazhilis"
    assert curie("urn:x") == "<urn:x>"


def test_stats_without_a_build_is_one_line(tmp_path: Path) -> None:
    result = run_cli("stats", "--out", str(tmp_path / "nothing"))
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "govgraph build" in result.stderr
