"""One compliance suite over both backends: the embedded store and a real SPARQL 1.1 server.

The server (tests/triplestore.py) is filled by `govgraph build --store URL`, so these tests also
cover the Graph Store Protocol writes of a build.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import run_cli
from govgraph.errors import QueryError, StoreError
from govgraph.graph.exports import FORMATS, export_graph
from govgraph.graph.stats import stats_for
from govgraph.graph.store import SparqlStore, endpoints, open_store, publish_store
from govgraph.namespaces import GG, ID, RDFS, sparql_prologue

# A named set of queries; both backends must give the same answers.
QUERIES = {
    "instances by class": "SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class",
    "distinct triples": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
    "triples per graph": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "labels of bodies": "SELECT ?x ?label WHERE { ?x a/rdfs:subClassOf* gg:StateBody ; rdfs:label ?label }",
    "articles": "SELECT ?doc ?title ?file WHERE { ?doc a gg:SourceDocument ; dcterms:title ?title ; gg:fileName ?file }",
    "claims with their sentence and article": """
        SELECT ?claim ?subjectLabel ?predicate ?title ?exact ?start WHERE {
          ?claim a gg:Claim ; rdf:subject ?s ; rdf:predicate ?predicate ; gg:hasEvidence ?record .
          ?record gg:statedIn ?doc ; gg:evidence ?ev .
          ?s rdfs:label ?subjectLabel . ?doc dcterms:title ?title .
          ?ev oa:hasSelector ?q, ?pos . ?q oa:exact ?exact . ?pos oa:start ?start .
        }""",
    "claims per article": """
        SELECT ?doc (COUNT(DISTINCT ?c) AS ?claims) (SAMPLE(?t) AS ?title) WHERE {
          ?c gg:hasEvidence/gg:statedIn ?doc . ?doc dcterms:title ?t } GROUP BY ?doc""",
    "asserted claims": "ASK { ?c a gg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ?s ?p ?o }",
    "no such thing": "ASK { ?x a gg:NoSuchClass }",
    "mentioned entities": "CONSTRUCT { ?doc gg:mentions ?x . ?x rdfs:label ?l } WHERE { ?doc gg:mentions ?x . ?x rdfs:label ?l }",
}


def answers(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> object:
    """A comparable form of a result: a sorted list of rows, a bool, or a sorted list of triples."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return sorted(str(t) for t in result)
    names = [v.value for v in result.variables]
    return sorted(tuple(str(row[name]) for name in names) for row in result)


@pytest.fixture(scope="module")
def remote_build(tmp_path_factory: pytest.TempPathFactory, sparql_server: str) -> tuple[Path, str]:
    """A build of the sample corpus written to its folder and to the server."""
    out = tmp_path_factory.mktemp("remote") / "out"
    result = run_cli("build", "--out", str(out), "--store", sparql_server)
    assert result.returncode == 0, result.stderr
    assert f"named graphs -> {sparql_server}" in result.stdout
    return out, sparql_server


@pytest.fixture(params=["embedded", "sparql-server"])
def store(request: pytest.FixtureRequest, remote_build: tuple[Path, str]):
    out, url = remote_build
    opened = open_store(out / "store" if request.param == "embedded" else url)
    yield opened
    opened.close()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_queries_give_the_same_answers_on_both_backends(remote_build: tuple[Path, str], name: str) -> None:
    out, url = remote_build
    embedded, remote = open_store(out / "store"), open_store(url)
    local, served = answers(embedded.query(QUERIES[name])), answers(remote.query(QUERIES[name]))
    assert local == served
    assert local not in ([], False) or name == "no such thing"


def test_the_queries_see_real_content(store) -> None:
    claims = {row["doc"].value: int(row["claims"].value) for row in store.query(QUERIES["claims per article"])}
    assert len(claims) == 5 and min(claims.values()) > 0
    assert store.query(QUERIES["asserted claims"])


def test_result_types_are_pyoxigraph_types(store) -> None:
    assert isinstance(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), ox.QuerySolutions)
    assert isinstance(store.query("ASK { ?s ?p ?o }"), ox.QueryBoolean)
    assert isinstance(store.query("CONSTRUCT WHERE { ?s a gg:Claim } LIMIT 3"), ox.QueryTriples)
    assert isinstance(store.query(f"DESCRIBE <{ID}kz/mazhilis>"), ox.QueryTriples)


def test_bound_parameters(store) -> None:
    mazhilis = ox.NamedNode(f"{ID}kz/mazhilis")
    rows = list(store.query("SELECT ?label WHERE { ?x rdfs:label ?label }", bindings={"x": mazhilis}))
    assert [row["label"].value for row in rows] == ["Mazhilis"]
    hostile = ox.Literal('x" } ; DROP ALL ; SELECT * WHERE { "')  # a value never changes the query
    assert list(store.query("SELECT ?x WHERE { ?x rdfs:label ?label }", bindings={"label": hostile})) == []


def test_queries_declaring_their_own_prefixes(store) -> None:
    sparql = sparql_prologue() + f"PREFIX g: <{GG}>\nSELECT (COUNT(*) AS ?n) WHERE {{ ?c a g:Claim }}"
    assert int(next(iter(store.query(sparql)))["n"].value) > 0


def test_malformed_query_is_the_same_error_on_both(remote_build: tuple[Path, str]) -> None:
    out, url = remote_build
    messages = []
    for selector in (out / "store", url):
        with pytest.raises(QueryError) as caught:
            open_store(selector).query("SELECT * WHERE { ?s ?p }")
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and "error at 1:" in messages[0]


def test_server_returns_every_quad_of_the_build(remote_build: tuple[Path, str]) -> None:
    out, url = remote_build
    local, served = ox.Dataset(open_store(out / "store").quads()), ox.Dataset(open_store(url).quads())
    for dataset in (local, served):  # the schema graph has blank nodes: compare up to their names
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    assert len(local) > 1000 and local == served
    assert open_store(url).graphs() == open_store(out / "store").graphs()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_exports_from_the_server_equal_those_from_the_embedded_store(remote_build: tuple[Path, str], fmt: str) -> None:
    out, url = remote_build
    assert export_graph(fmt, out, store=url) == export_graph(fmt, out)


def test_stats_agree_on_both_backends(remote_build: tuple[Path, str]) -> None:
    out, url = remote_build
    local, served = stats_for(out).as_dict(), stats_for(out, url).as_dict()
    assert local.pop("store") != served.pop("store")
    assert local == served and local["claims"] > 0


def test_rebuild_is_idempotent_on_the_server(remote_build: tuple[Path, str], tmp_path: Path) -> None:
    out, url = remote_build
    remote = open_store(url)
    before = (answers(remote.query(QUERIES["triples per graph"])), remote.graphs())
    result = run_cli("build", "--out", str(tmp_path / "again"), "--store", url)
    assert result.returncode == 0, result.stderr
    after = (answers(remote.query(QUERIES["triples per graph"])), remote.graphs())
    assert after == before
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert next(iter(remote.query(count)))["n"].value == str(len(list(open_store(out / "store").quads())))


def test_one_graph_per_article_on_the_server(remote_build: tuple[Path, str]) -> None:
    _, url = remote_build
    names = {g.value for g in open_store(url).graphs()}
    articles = {row["doc"].value for row in open_store(url).query("SELECT ?doc WHERE { ?doc a gg:SourceDocument }")}
    assert len(articles) == 5 and articles <= names
    assert {f"{ID}graph/schema", f"{ID}graph/reference", f"{ID}graph/derived"} <= names


def test_capabilities_are_declared_and_checked(remote_build: tuple[Path, str]) -> None:
    out, url = remote_build
    quad = ox.Quad(ox.NamedNode(f"{ID}x"), ox.NamedNode(str(RDFS.label)), ox.Literal("x"), ox.NamedNode(f"{ID}graph/t"))
    for store in (open_store(out / "store"), open_store(url)):
        assert store.read_only and store.context_aware and store.supports_graph_store
        with pytest.raises(StoreError, match="read-only"):
            store.replace_graphs([quad])
    no_gsp = SparqlStore(f"{url}/query", None, read_only=False)
    assert not no_gsp.supports_graph_store
    with pytest.raises(StoreError, match="Graph Store Protocol"):
        no_gsp.replace_graphs([quad])


def test_endpoint_layouts() -> None:
    assert endpoints("http://h:7878") == ("http://h:7878/query", "http://h:7878/store")
    assert endpoints("http://h:7878/query") == ("http://h:7878/query", "http://h:7878/store")
    assert endpoints("http://h:8890/sparql") == ("http://h:8890/sparql", "http://h:8890/sparql-graph-crud")
    assert endpoints("https://h/fuseki/ds/") == ("https://h/fuseki/ds", "https://h/fuseki/ds")
    assert isinstance(open_store("sparql:http://h:7878/query"), SparqlStore)


def test_unreachable_server_is_one_clear_line(tmp_path: Path) -> None:
    from triplestore import free_port

    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        open_store(url).query("ASK {}")
    for args in (["stats", "--store", url], ["build", "--out", str(tmp_path / "o"), "--store", url]):
        result = run_cli(*args)
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "cannot reach the SPARQL server" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()  # the build stopped before doing any work


@pytest.fixture(params=["embedded", "sparql-server"])
def writable(request: pytest.FixtureRequest, sample_build: Path, tmp_path: Path):
    """A writable store of each backend holding the sample build."""
    if request.param == "embedded":
        publish_store(sample_build / "store", tmp_path / "store")
        store = open_store(tmp_path / "store", read_only=False)
        yield store
        store.close()
        return
    from triplestore import running_server

    with running_server(tmp_path / "server") as url:
        publish_store(sample_build / "store", url)
        yield open_store(url, read_only=False)


def test_replace_graphs_replaces_and_prunes(writable) -> None:
    quads = list(writable.quads())
    articles = [g for g in writable.graphs() if "/doc/" in g.value]
    dropped, changed = articles[0], articles[1]
    marker = ox.Quad(changed, ox.NamedNode(str(RDFS.comment)), ox.Literal("replaced"), changed)
    kept = [q for q in quads if q.graph_name not in (dropped, changed)]
    written = writable.replace_graphs([*kept, marker], prune=str(ID))
    assert dropped not in writable.graphs() and dropped not in written and changed in written
    after = list(writable.quads())
    assert [q for q in after if q.graph_name == changed] == [marker]
    assert len(after) == len(kept) + 1
    writable.replace_graphs([*kept, marker], prune=str(ID))  # twice: nothing changes
    assert len(list(writable.quads())) == len(after)
    # the default graph (each distinct triple once) follows: the dropped graph's own triples leave it, shared ones stay
    distinct = {(q.subject, q.predicate, q.object) for q in writable.quads()}
    counted = writable.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(next(iter(counted))["n"].value) == len(distinct)
    assert bool(writable.query(f"ASK {{ {marker.subject} {marker.predicate} {marker.object} }}"))
    with pytest.raises(StoreError, match="outside a named graph"):
        writable.replace_graphs([ox.Quad(changed, changed, changed)])


def test_query_command_reads_the_server(remote_build: tuple[Path, str]) -> None:
    out, url = remote_build
    sparql = QUERIES["claims per article"]
    local = run_cli("query", sparql, "--out", str(out), "--format", "json")
    served = run_cli("query", sparql, "--out", str(out), "--store", url, "--format", "json")
    assert local.returncode == served.returncode == 0, local.stderr + served.stderr
    rows = [sorted(json.loads(r.stdout)["results"]["bindings"], key=lambda b: b["doc"]["value"]) for r in (local, served)]
    assert rows[0] == rows[1] and len(rows[0]) == 5
