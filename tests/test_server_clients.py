"""Independent clients against a running `govgraph serve`: SPARQLWrapper (JSON, XML), plain HTTP, govgraph's own remote store."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

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
