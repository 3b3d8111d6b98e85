"""Independent clients against a running `govgraph serve`: SPARQLWrapper (JSON, XML), plain HTTP, govgraph's own remote store."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
import warnings

import pytest

from govgraph.namespaces import ID
from govgraph.queries import run_query

SPARQLWrapper = pytest.importorskip("SPARQLWrapper", reason="SPARQLWrapper is in the test extra")

CHAMBERS = """
PREFIX gg: <https://w3id.org/govgraph#>
SELECT DISTINCT ?chamber ?parliament WHERE { ?chamber gg:chamberOf ?parliament } ORDER BY ?chamber
"""
EXPECTED = [(f"{ID}kz/mazhilis", f"{ID}kz/parliament"), (f"{ID}kz/senate", f"{ID}kz/parliament")]


def wrapper(server: str, fmt: str, method: str = SPARQLWrapper.GET) -> SPARQLWrapper.SPARQLWrapper:
    client = SPARQLWrapper.SPARQLWrapper(f"{server}/sparql")
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", [SPARQLWrapper.GET, SPARQLWrapper.POST])
def test_sparqlwrapper_reads_json(govgraph_server: str, method: str):
    client = wrapper(govgraph_server, SPARQLWrapper.JSON, method)
    client.setQuery(CHAMBERS)
    answer = client.query().convert()
    assert answer["head"]["vars"] == ["chamber", "parliament"]
    assert [(b["chamber"]["value"], b["parliament"]["value"]) for b in answer["results"]["bindings"]] == EXPECTED


def test_sparqlwrapper_reads_xml(govgraph_server: str):
    client = wrapper(govgraph_server, SPARQLWrapper.XML)
    client.setQuery(CHAMBERS)
    document = client.query().convert()  # an xml.dom.minidom Document
    results = document.getElementsByTagName("result")
    pairs = []
    for result in results:
        values = {b.getAttribute("name"): b.getElementsByTagName("uri")[0].firstChild.data
                  for b in result.getElementsByTagName("binding")}
        pairs.append((values["chamber"], values["parliament"]))
    assert pairs == EXPECTED


def test_sparqlwrapper_ask_and_construct(govgraph_server: str):
    client = wrapper(govgraph_server, SPARQLWrapper.JSON)
    client.setQuery(f"ASK {{ <{ID}kz/mazhilis> ?p ?o }}")
    assert client.query().convert()["boolean"] is True
    graph_client = wrapper(govgraph_server, SPARQLWrapper.TURTLE)
    graph_client.setQuery(f"DESCRIBE <{ID}kz/senate>")
    turtle = graph_client.query().convert()
    assert b"kz/senate" in turtle or b"kz\\/senate" in turtle


def test_sparqlwrapper_update_is_refused_with_403(govgraph_server: str):
    client = wrapper(govgraph_server, SPARQLWrapper.JSON, SPARQLWrapper.POST)
    client.setQuery(f"INSERT DATA {{ <{ID}x> <{ID}y> <{ID}z> }}")
    assert client.queryType == SPARQLWrapper.INSERT  # so SPARQLWrapper sends it as an update
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    check = wrapper(govgraph_server, SPARQLWrapper.JSON)
    check.setQuery(f"ASK {{ <{ID}x> ?p ?o }}")
    assert check.query().convert()["boolean"] is False


def test_plain_http_update_is_refused(govgraph_server: str):
    request = urllib.request.Request(f"{govgraph_server}/sparql", data=b"CLEAR ALL", method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403


def test_govgraph_remote_store_runs_named_queries_through_the_endpoint(govgraph_server: str, sample_build):
    remote = run_query("parliament", store=f"sparql:{govgraph_server}/sparql")
    local = run_query("parliament", store=sample_build / "store")
    assert remote.variables == local.variables
    assert sorted(map(str, remote.rows)) == sorted(map(str, local.rows))
    assert remote.labels == local.labels


CONSTRUCT_CHAMBERS = """
PREFIX gg: <https://w3id.org/govgraph#>
CONSTRUCT { ?chamber gg:chamberOf ?parliament } WHERE { ?chamber gg:chamberOf ?parliament }
"""
CHAMBER_OF = "https://w3id.org/govgraph#chamberOf"


def chamber_pairs(graph) -> list[tuple[str, str]]:
    return sorted((str(s), str(o)) for s, p, o in graph if str(p) == CHAMBER_OF)


def test_sparqlwrapper_defaults_for_construct_and_describe(govgraph_server: str):
    """No return format set: SPARQLWrapper sends format=xml (and output=, results=) and parses RDF/XML."""
    client = SPARQLWrapper.SPARQLWrapper(f"{govgraph_server}/sparql")
    client.setQuery(CONSTRUCT_CHAMBERS)
    assert chamber_pairs(client.query().convert()) == EXPECTED
    client.setQuery(f"DESCRIBE <{ID}kz/senate>")
    described = client.query().convert()
    assert len(described) > 5 and {str(s) for s, _, _ in described} >= {f"{ID}kz/senate"}


@pytest.mark.parametrize("fmt", ["JSONLD", "RDFXML", "JSON"])
def test_sparqlwrapper_graph_formats(govgraph_server: str, fmt: str):
    client = wrapper(govgraph_server, getattr(SPARQLWrapper, fmt))
    client.setQuery(CONSTRUCT_CHAMBERS)
    with warnings.catch_warnings():  # SPARQLWrapper warns that JSON is unusual for CONSTRUCT, then asks for */*
        warnings.simplefilter("ignore")
        assert chamber_pairs(client.query().convert()) == EXPECTED


@pytest.mark.parametrize("fmt", ["TURTLE", "N3"])
def test_sparqlwrapper_turtle_and_n3(govgraph_server: str, fmt: str):
    import rdflib

    client = wrapper(govgraph_server, getattr(SPARQLWrapper, fmt))
    client.setQuery(CONSTRUCT_CHAMBERS)
    assert chamber_pairs(rdflib.Graph().parse(data=client.query().convert(), format="turtle")) == EXPECTED


@pytest.mark.parametrize("fmt", ["TSV", "CSV"])
def test_sparqlwrapper_tsv_and_csv(govgraph_server: str, fmt: str):
    client = wrapper(govgraph_server, getattr(SPARQLWrapper, fmt))
    client.setQuery(CHAMBERS)
    lines = client.query().convert().decode("utf-8").splitlines()
    assert len(lines) == 3 and ("kz/mazhilis" in lines[1]) and ("kz/senate" in lines[2])


def test_rdflib_sparqlstore(govgraph_server: str, sample_build):
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(f"{govgraph_server}/sparql")
    graph = rdflib.Graph(store=store)
    graph_ttl = rdflib.Graph().parse(sample_build / "graph.ttl")
    assert len(store) == len(graph_ttl)  # one fact, one answer: the default graph holds each triple once
    count = graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert [int(row[0]) for row in count] == [len(graph_ttl)]
    senate = rdflib.URIRef(f"{ID}kz/senate")
    assert set(graph.triples((senate, None, None))) == set(graph_ttl.triples((senate, None, None)))
    assert chamber_pairs(graph.query(CONSTRUCT_CHAMBERS)) == EXPECTED
    assert bool(graph.query(f"ASK {{ <{ID}kz/mazhilis> ?p ?o }}"))
    assert len(list(store.contexts())) == 8


def comunica() -> str | None:
    """Comunica's command line (`npm install @comunica/query-sparql@3`), from COMUNICA_SPARQL or the PATH."""
    import os
    import shutil

    return os.environ.get("COMUNICA_SPARQL") or shutil.which("comunica-sparql")


@pytest.mark.skipif(comunica() is None, reason="Comunica is not installed (npm install @comunica/query-sparql@3)")
def test_comunica_queries_the_endpoint(govgraph_server: str):
    import json
    import subprocess

    result = subprocess.run([comunica(), f"sparql@{govgraph_server}/sparql", CHAMBERS, "-t", "application/sparql-results+json"],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-500:]
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert sorted((b["chamber"]["value"], b["parliament"]["value"]) for b in rows) == EXPECTED
    count = subprocess.run([comunica(), f"sparql@{govgraph_server}/sparql",
                            "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/govgraph#chamberOf> ?o }",
                            "-t", "application/sparql-results+json"], capture_output=True, text=True, timeout=120, check=False)
    assert count.returncode == 0, count.stderr[-500:]
    assert json.loads(count.stdout)["results"]["bindings"][0]["n"]["value"] == "2"
