"""GraphML for Gephi and Cytoscape: the entity network by default, claims and sentences behind --with-provenance."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from conftest import run_cli
from govgraph.graph.exports import export_graph, export_network
from govgraph.graph.network import project
from govgraph.graph.store import open_store
from govgraph.namespaces import ID

MAZHILIS = f"{ID}kz/mazhilis"


@pytest.fixture(scope="module")
def network(sample_build: Path):
    store = open_store(sample_build / "store")
    try:
        return project(store.quads())
    finally:
        store.close()


def test_graphml_is_the_entity_network_with_facts_and_quotes_as_attributes(sample_build: Path, network, tmp_path: Path):
    target = tmp_path / "graph.graphml"
    export_graph("graphml", sample_build, target=target)
    reloaded = nx.read_graphml(target)
    entities = {iri for iri, node in network.nodes.items() if not node.provenance}
    assert set(reloaded.nodes) == entities and len(entities) > 50
    assert len(entities) < len(network.nodes) / 2  # claims, sentences and articles are most of the nodes
    mazhilis = reloaded.nodes[MAZHILIS]
    assert mazhilis["label"] == "Mazhilis" and mazhilis["class"] and mazhilis["sources"] >= 1
    assert mazhilis["memberCount"] == "98"
    assert "provenance" not in mazhilis
    assert reloaded.number_of_edges() == sum(1 for e in network.edges.values() if {e.source, e.target} <= entities)
    assert all(data["label"] and data["predicate"].startswith("http") for *_, data in reloaded.edges(data=True))
    assert len({key for *_, key in reloaded.edges(keys=True)}) == reloaded.number_of_edges()  # unique edge ids
    chamber = [d for s, o, d in reloaded.edges(data=True) if s == MAZHILIS and o == f"{ID}kz/parliament"]
    assert chamber and chamber[0]["sources"] >= 1 and "Mazhilis" in chamber[0]["quote"] and chamber[0]["articles"]


def test_with_provenance_keeps_every_node_of_the_network(sample_build: Path, network, tmp_path: Path):
    result = run_cli("export", "-f", "GraphML", "--with-provenance", "-o", str(tmp_path / "p.graphml"),
                     "--out", str(sample_build))
    assert result.returncode == 0, result.stderr
    reloaded = nx.read_graphml(tmp_path / "p.graphml")
    assert set(reloaded.nodes) == set(network.nodes)
    assert reloaded.nodes[MAZHILIS]["provenance"] is False
    assert any(data["provenance"] for _, data in reloaded.nodes(data=True))
    assert export_network(sample_build, provenance=True) == (tmp_path / "p.graphml").read_bytes()


def test_with_provenance_is_only_for_graphml(sample_build: Path):
    result = run_cli("export", "-f", "turtle", "--with-provenance", "--out", str(sample_build))
    assert result.returncode == 2 and "--with-provenance" in result.stderr and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1

