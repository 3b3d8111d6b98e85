"""The page of a large graph: entities only, the most connected drawn first, the rest there for search and expansion."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from govgraph.graph.network import project
from govgraph.graph.overview import FIRST_NODES, OVERVIEW_ABOVE, OVERVIEW_QUOTES, first_set, is_overview
from govgraph.graph.viz import write_visualization
from test_viz_data import load_synth, page_data

SIZE = 5_400  # synthetic nodes, provenance included: just above OVERVIEW_ABOVE


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, object]:
    quads = load_synth().synthetic_quads(SIZE, seed=3)
    target = tmp_path_factory.mktemp("overview") / "large.html"
    summary = write_visualization(quads, target)
    data = page_data(target)
    assert (summary.nodes, summary.shown_nodes, summary.in_details) == (
        len(data["nodes"]), FIRST_NODES, data["meta"]["provenance"])
    return data, project(quads)


def test_first_set_is_the_most_connected_ties_by_iri_without_what_is_held_back():
    degree = {"a": 3, "b": 9, "c": 3, "d": 9, "e": 1, "f": 20}
    assert first_set(degree, degree, held_back={"f"}, size=4) == ["b", "d", "a", "c"]
    assert first_set(["x", *degree], degree, held_back=(), size=10)[-1] == "x"  # no links: last
    assert first_set([], degree, held_back=()) == []


def test_threshold_counts_every_node_provenance_included():
    assert not is_overview(OVERVIEW_ABOVE) and is_overview(OVERVIEW_ABOVE + 1)


def test_sample_page_is_not_an_overview(sample_build: Path):
    data = page_data(sample_build / "graph.html")
    assert "overview" not in data["meta"] and any(n.get("prov") for n in data["nodes"])


def test_large_page_holds_every_entity_and_no_provenance(large):
    data, network = large
    entities = sorted(iri for iri, n in network.nodes.items() if not n.provenance)
    provenance = len(network.nodes) - len(entities)
    assert len(network.nodes) > OVERVIEW_ABOVE and data["meta"]["overview"] is True
    assert [n["iri"] for n in data["nodes"]] == entities  # the search's data: every entity, by IRI
    assert data["meta"]["provenance"] == provenance > 0
    assert not any(n.get("prov") for n in data["nodes"]) and not any(e.get("prov") for e in data["edges"])
    # the expansion's data: every link between two entities, once
    links = {(s, o) for s, _, o in network.edges if s != o and s in set(entities) and o in set(entities)}
    iris = [n["iri"] for n in data["nodes"]]
    assert {(iris[e["from"]], iris[e["to"]]) for e in data["edges"]} == links
    assert all("label" not in e and data["props"][e["p"]] for e in data["edges"])  # names written once, in props


def test_large_page_draws_the_most_connected_entities_first(large):
    data, _ = large
    first = data["meta"]["first"]
    degree: Counter[int] = Counter()
    for e in data["edges"]:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    eligible = [n["id"] for n in data["nodes"] if "in" not in n and "minor" not in n]
    assert len(first) == FIRST_NODES < len(eligible)
    rest = set(eligible) - set(first)
    assert min(degree[i] for i in first) >= max(degree[i] for i in rest)
    assert not {n["id"] for n in data["nodes"] if "in" in n or "minor" in n} & set(first)  # folded changes wait
    # the first set is laid out; the page places the others beside a neighbour when it shows them
    assert all("x" in data["nodes"][i] and "y" in data["nodes"][i] for i in first)
    assert not any("x" in data["nodes"][i] for i in rest)
    assert data["meta"]["structureNodes"] == FIRST_NODES
    assert data["meta"]["structureEdges"] == sum(1 for e in data["edges"] if e["from"] in first and e["to"] in first)


def test_large_page_quotes_a_few_sentences_and_counts_the_rest(large):
    data, network = large
    quoted = [r for r in (*data["nodes"], *data["edges"]) if "q" in r]
    assert quoted and all(len(r["q"]) <= OVERVIEW_QUOTES for r in quoted)
    counted = [r for r in quoted if "qn" in r]
    assert counted and all(r["qn"] > OVERVIEW_QUOTES for r in counted)
    # the quotes table holds exactly the sentences quoted, each citing a source article
    used = {q for r in quoted for q in r["q"]}
    assert used == set(range(len(data["quotes"])))
    assert all(data["articles"][article]["title"] for _, article in data["quotes"])
    claims = Counter(s.subject for s in network.supports)
    claims.update(s.obj for s in network.supports if s.obj_is_iri and s.obj != s.subject)
    assert {n["iri"]: n["cn"] for n in data["nodes"] if "cn" in n} == {
        n["iri"]: claims[n["iri"]] for n in data["nodes"] if claims[n["iri"]]}
