"""One fact, one answer: every backend counts what graph.ttl holds, honours FROM, and hides its own graphs.

Backends: the embedded store, an Oxigraph server and a Virtuoso 7 server (Debian's package), the
servers filled by `govgraph build --store URL`, Virtuoso with credentials from a netrc file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import run_cli
from govgraph.errors import StoreError
from govgraph.graph.exports import export_graph
from govgraph.graph.stats import stats_for
from govgraph.graph.store import UNION, credentials, open_store, without_userinfo
from govgraph.namespaces import SCHEMA_GRAPH

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CHAMBERS = "SELECT (COUNT(*) AS ?n) WHERE { ?chamber gg:chamberOf ?parliament }"


def count(store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


def file_triples(path: Path) -> set[ox.Triple]:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):
    """A Virtuoso endpoint filled by a build, and that build's folder; credentials come from a netrc file."""
    from triplestore import VIRTUOSO_USER, running_virtuoso

    base = tmp_path_factory.mktemp("virtuoso")
    netrc = base / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {VIRTUOSO_USER[0]} password {VIRTUOSO_USER[1]}\n")
    netrc.chmod(0o600)
    with pytest.MonkeyPatch.context() as patch, running_virtuoso(base / "db") as url:
        patch.setenv("NETRC", str(netrc))
        for name in ("GOVGRAPH_STORE_USER", "GOVGRAPH_STORE_PASSWORD"):
            patch.delenv(name, raising=False)
        result = run_cli("build", "--out", str(base / "out"), "--store", url)
        assert result.returncode == 0, result.stderr
        yield url, base / "out"


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory, sparql_server: str):
    out = tmp_path_factory.mktemp("oxigraph-counts") / "out"
    result = run_cli("build", "--out", str(out), "--store", sparql_server)
    assert result.returncode == 0, result.stderr
    return sparql_server, out


@pytest.fixture(params=["embedded", "oxigraph-server", "virtuoso"])
def backend(request: pytest.FixtureRequest, sample_build: Path):
    """(store, the graph.ttl of the build that filled it)."""
    if request.param == "embedded":
        return open_store(sample_build / "store"), sample_build / "graph.ttl"
    url, out = request.getfixturevalue("oxigraph" if request.param == "oxigraph-server" else "virtuoso")
    return open_store(url), out / "graph.ttl"


def test_counts_match_graph_ttl(backend) -> None:
    store, graph_ttl = backend
    triples = file_triples(graph_ttl)
    assert count(store, COUNT) == len(triples) > 10000
    assert stats_for(graph_ttl.parent, None if store.name.endswith("store") else store.name).triples == len(triples)
    quads = list(store.quads())
    assert len({ox.Triple(q.subject, q.predicate, q.object) for q in quads}) == len(triples) < len(quads)


def test_a_fact_stated_by_several_articles_matches_once(backend) -> None:
    store, _ = backend
    assert count(store, CHAMBERS) == 2  # the Mazhilis and the Senate, stated by several articles
    per_graph = count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?chamber gg:chamberOf ?parliament } }")
    assert per_graph > 2  # provenance is kept: each article's graph states it again


def test_from_and_from_named_are_honoured(backend) -> None:
    store, _ = backend
    schema = count(store, f"SELECT (COUNT(*) AS ?n) FROM <{SCHEMA_GRAPH}> WHERE {{ ?s ?p ?o }}")
    in_graph = count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SCHEMA_GRAPH}> {{ ?s ?p ?o }} }}")
    assert schema == in_graph and 0 < schema < count(store, COUNT)
    named = store.query(f"SELECT DISTINCT ?g FROM NAMED <{SCHEMA_GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert [row["g"].value for row in named] == [str(SCHEMA_GRAPH)]


def test_only_govgraph_graphs_are_listed(backend) -> None:
    store, _ = backend
    graphs = store.graphs()
    assert len(graphs) == 8 and UNION not in graphs
    assert all(g.value.startswith("https://w3id.org/govgraph/id/") for g in graphs)
    listed = {row["g"].value for row in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert listed == {g.value for g in graphs}  # a server's own graphs never reach a query


def test_turtle_export_is_graph_ttl(backend, tmp_path: Path) -> None:
    store, graph_ttl = backend
    selector = None if store.name.endswith("store") else store.name
    exported = export_graph("turtle", graph_ttl.parent, store=selector)
    assert isomorphic(rdflib.Graph().parse(data=exported, format="turtle"), rdflib.Graph().parse(graph_ttl))


def test_virtuoso_credentials_come_from_netrc_and_are_never_printed(virtuoso, tmp_path: Path) -> None:
    url, _ = virtuoso
    wrong = tmp_path / "netrc"
    wrong.write_text("machine 127.0.0.1 login dba password not-the-password-x7\n")
    wrong.chmod(0o600)
    env = {**os.environ, "NETRC": str(wrong)}
    env.pop("GOVGRAPH_STORE_USER", None)
    env.pop("GOVGRAPH_STORE_PASSWORD", None)
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "govgraph", "build", "--out", str(tmp_path / "o"), "--store", url],
                            capture_output=True, text=True, env=env, timeout=600, check=False)
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "HTTP 401" in result.stderr and "credentials" in result.stderr
    assert "not-the-password-x7" not in result.stdout + result.stderr


def test_credentials_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine example.org login alice password s3cret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.delenv("GOVGRAPH_STORE_USER", raising=False)
    monkeypatch.delenv("GOVGRAPH_STORE_PASSWORD", raising=False)
    assert credentials("http://example.org/sparql") == ("alice", "s3cret")
    assert credentials("http://other.org/sparql") is None
    assert credentials("http://bob:pw@other.org/sparql") == ("bob", "pw")
    monkeypatch.setenv("GOVGRAPH_STORE_USER", "carol")
    monkeypatch.setenv("GOVGRAPH_STORE_PASSWORD", "pw2")
    assert credentials("http://example.org/sparql") == ("carol", "pw2")
    store = open_store("http://bob:hidden@127.0.0.1:9/sparql")
    assert "hidden" not in store.name and without_userinfo("http://u:p@h:1/q?x=1") == "http://h:1/q?x=1"
    with pytest.raises(StoreError) as caught:
        store.query("ASK {}")
    assert "hidden" not in str(caught.value)
    netrc.write_text("machine example.org bogus s3cret\n")
    monkeypatch.delenv("GOVGRAPH_STORE_USER")
    with pytest.raises(StoreError, match="netrc") as caught:
        credentials("http://example.org/sparql")
    assert "s3cret" not in str(caught.value)


def test_only_the_from_keyword_names_a_dataset() -> None:
    from govgraph.graph.store import names_dataset

    assert names_dataset("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }")
    assert names_dataset("select * from named <urn:g> where { graph ?g { ?s ?p ?o } }")
    assert not names_dataset("SELECT ?from WHERE { ?r gg:transformsFrom ?from }")  # a variable, a property
    assert not names_dataset('SELECT * WHERE { ?s ?p "FROM <urn:g>" } # FROM <urn:g>')  # a string, a comment
