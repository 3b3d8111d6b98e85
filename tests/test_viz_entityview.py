"""The page of a large graph read in two streaming passes (census, entity view) is the page the whole projection gives."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.graph import overview
from govgraph.graph.census import take_census
from govgraph.graph.entityview import project_entities
from govgraph.graph.network import Network, project
from govgraph.graph.store import open_store
from govgraph.graph.timeline import timeline
from govgraph.graph.viz import GraphQuads
from govgraph.graph.vizdata import page_data
from test_viz_data import load_synth
from test_viz_overview import SIZE

SMALL_THRESHOLD = 100  # the sample (about 1,100 nodes, provenance included) forced into overview mode


def whole(quads: list[ox.Quad]) -> Network:
    return project(quads, lean_above=overview.OVERVIEW_ABOVE)


def streamed(quads: list[ox.Quad]) -> Network:
    source = GraphQuads.of(quads)
    census = take_census(source.schema, source.read())
    assert overview.is_overview(census.nodes)
    return project_entities(census, source.schema, source.read())


def page(network: Network) -> dict:
    return page_data(network, timeline(network), title="t")


@pytest.fixture(scope="module")
def sample_quads(sample_build: Path) -> list[ox.Quad]:
    store = open_store(sample_build / "store")
    try:
        return list(store.quads())
    finally:
        store.close()


@pytest.fixture
def small_overview(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(overview, "OVERVIEW_ABOVE", SMALL_THRESHOLD)


def test_streamed_sample_page_is_the_whole_projections_page(sample_quads, small_overview):
    old, new = whole(sample_quads), streamed(sample_quads)
    expected, got = page(old), page(new)
    assert expected["meta"]["overview"] is True and len(expected["nodes"]) > 100 and expected["quotes"]
    assert any("qn" in n for n in expected["nodes"]) and any("cn" in n for n in expected["nodes"])
    assert got == expected


def test_streamed_synthetic_page_is_the_whole_projections_page():
    quads = load_synth().synthetic_quads(SIZE, seed=3)
    expected, got = page(whole(quads)), page(streamed(quads))
    assert expected["meta"]["overview"] is True and expected["meta"]["provenance"] > 0
    assert got == expected


def test_entity_view_holds_no_claim_evidence_or_sentence(sample_quads, small_overview):
    old = whole(sample_quads)
    new = streamed(sample_quads)
    articles = {iri for iri, n in new.nodes.items() if n.provenance}
    assert articles and all(new.nodes[a].cls.endswith("SourceDocument") for a in articles)  # the page lists them
    held = {iri for iri, n in old.nodes.items() if n.provenance} - articles  # claims, sentences, conflicts, the run
    assert len(held) > 500 and old.supports
    strings = set(new.nodes) | {x for key in new.edges for x in key} | set(new.subjects_out)
    strings |= {o for links in new.subjects_out.values() for _, o in links}
    assert not new.supports and not strings & held
    assert new.digest is not None and new.digest.provenance == sum(1 for n in old.nodes.values() if n.provenance)
    quoted = [*new.digest.node_quotes.values(), *new.digest.edge_quotes.values()]
    assert quoted and all(len(q.first) <= overview.OVERVIEW_QUOTES <= q.count or len(q.first) == q.count for q in quoted)


def test_census_refuses_quads_not_grouped_by_graph(sample_quads):
    source = GraphQuads.of(sample_quads)
    graphs = [q for q in source.read() if q.graph_name != source.schema[0].graph_name]
    shuffled = graphs[::2] + graphs[1::2]
    with pytest.raises(ValueError, match="not together"):
        take_census(source.schema, shuffled)
