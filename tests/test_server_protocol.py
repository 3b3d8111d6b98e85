"""The SPARQL 1.1 Protocol endpoint in-process: requests, content negotiation, refusals, limits."""

from __future__ import annotations

import json
import urllib.parse
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed")
with warnings.catch_warnings():  # starlette's TestClient warns about httpx at import time
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from govgraph.graph.store import open_store
from govgraph.namespaces import ID
from govgraph.server.app import create_app
from govgraph.server.protocol import ProtocolError, choose_format, looks_like_update, read_request

OFFICES = "SELECT ?office WHERE { ?office a gg:HeadOfState }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def client(sample_build: Path) -> Iterator[TestClient]:
    app = create_app(sample_build, timeout=2.0, max_rows=7, workers=2)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def bindings(response) -> list[dict[str, dict[str, str]]]:
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]


def test_get_post_form_and_post_query_give_the_same_answer(client: TestClient):
    by_get = client.get("/sparql", params={"query": OFFICES}, headers={"Accept": JSON})
    by_form = client.post("/sparql", data={"query": OFFICES}, headers={"Accept": JSON})
    by_body = client.post("/sparql", content=OFFICES.encode("utf-8"),
                          headers={"Content-Type": "application/sparql-query", "Accept": JSON})
    assert bindings(by_get) == bindings(by_form) == bindings(by_body)
    assert {"office": {"type": "uri", "value": f"{ID}kz/president"}} in bindings(by_get)
    assert by_get.headers["content-type"] == JSON


@pytest.mark.parametrize(("accept", "media", "fmt"), [
    ("application/sparql-results+xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", "text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ("application/json", "application/json", ox.QueryResultsFormat.JSON),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
    (None, JSON, ox.QueryResultsFormat.JSON),
])
def test_content_negotiation_for_results(client: TestClient, accept: str | None, media: str, fmt: ox.QueryResultsFormat):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": OFFICES}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    if fmt is not ox.QueryResultsFormat.CSV:  # pyoxigraph does not read CSV back
        assert len(list(ox.parse_query_results(response.content, fmt))) >= 1
    else:
        assert response.text.splitlines()[0] == "office"


def test_graph_answers_are_turtle_or_n_triples(client: TestClient):
    query = "CONSTRUCT { ?c gg:chamberOf ?p } WHERE { ?c gg:chamberOf ?p }"
    turtle = client.get("/sparql", params={"query": query})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert len(list(ox.parse(turtle.content, ox.RdfFormat.TURTLE))) == 2
    ntriples = client.get("/sparql", params={"query": query}, headers={"Accept": "application/n-triples"})
    assert len(list(ox.parse(ntriples.content, ox.RdfFormat.N_TRIPLES))) == 2
    refused = client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    assert refused.status_code == 406


def test_ask_in_json_and_xml(client: TestClient):
    ask = "ASK { ggid:kz\\/mazhilis gg:chamberOf ggid:kz\\/parliament }"
    assert client.get("/sparql", params={"query": ask}).json() == {"head": {}, "boolean": True}
    xml = client.get("/sparql", params={"query": ask}, headers={"Accept": "application/sparql-results+xml"})
    assert bool(ox.parse_query_results(xml.content, ox.QueryResultsFormat.XML)) is True


def test_format_parameter_overrides_accept(client: TestClient):
    response = client.get("/sparql", params={"query": OFFICES, "format": "csv"}, headers={"Accept": JSON})
    assert response.headers["content-type"].startswith("text/csv")


def test_a_query_with_an_update_glued_on_is_malformed_and_never_runs(client: TestClient):
    response = client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o } ; CLEAR DEFAULT"})
    assert response.status_code == 400 and "malformed SPARQL" in response.text


@pytest.mark.parametrize("request_kwargs", [
    {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
    {"data": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"content": b"DELETE WHERE { ?s ?p ?o }", "headers": {"Content-Type": "application/sparql-query"}},
])
def test_updates_are_refused_with_403(client: TestClient, request_kwargs: dict):
    response = client.post("/sparql", **request_kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text
    still = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert still.json()["boolean"] is True


def test_update_in_a_get_request_is_refused(client: TestClient):
    assert client.get("/sparql", params={"update": "CLEAR ALL"}).status_code == 403


def test_bad_requests(client: TestClient):
    malformed = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert malformed.status_code == 400
    assert malformed.text.startswith("malformed SPARQL at line 1, column") and malformed.text.count("\n") == 1
    assert client.get("/sparql", params={"query": ""}).status_code == 400
    assert client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415
    twice = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert twice.status_code == 400
    assert client.put("/sparql", content=b"ASK {}").status_code == 405


def test_result_size_limit_truncates_and_says_so(client: TestClient):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": JSON})
    assert len(bindings(response)) == 7
    assert "first 7" in response.headers["x-govgraph-truncated"]
    small = client.get("/sparql", params={"query": OFFICES}, headers={"Accept": JSON})
    assert "x-govgraph-truncated" not in small.headers


def test_runaway_query_is_stopped_with_503_and_the_endpoint_goes_on(client: TestClient):
    response = client.get("/sparql", params={"query": RUNAWAY})
    assert response.status_code == 503
    assert "timeout" in response.text
    for _ in range(3):  # the remaining worker answers while the stopped one is replaced
        assert bindings(client.get("/sparql", params={"query": OFFICES}, headers={"Accept": JSON}))


def test_named_queries_over_http_with_parameters(client: TestClient):
    rows = bindings(client.get("/queries/fact-sources", params={"entity": "Mazhilis"}, headers={"Accept": JSON}))
    assert rows and all(f"{ID}kz/mazhilis" in (r["subject"]["value"], r["object"]["value"]) for r in rows)
    missing = client.get("/queries/fact-sources")
    assert missing.status_code == 400 and "needs --param entity" in missing.text
    assert client.get("/queries/no-such-query").status_code == 404
    csv = client.get("/queries/branches", params={"format": "csv"})
    assert csv.text.splitlines()[0] == "branch,body,type,partOf"


def test_listing_page_assets_and_visualization(client: TestClient, sample_build: Path):
    listing = client.get("/api/queries").json()
    names = [q["name"] for q in listing["queries"]]
    assert "parliament" in names and listing["prefixes"]["gg"] == "https://w3id.org/govgraph#"
    page = client.get("/")
    assert page.status_code == 200 and 'id="query-select"' in page.text and "/graph.html" in page.text
    assert "http://" not in page.text.replace("http://www.w3.org", "") and "https://" not in page.text
    for asset in ("/static/app.js", "/static/app.css"):
        body = client.get(asset)
        assert body.status_code == 200 and "https://" not in body.text
    graph = client.get("/graph.html")
    assert graph.status_code == 200 and graph.content == (sample_build / "graph.html").read_bytes()
    assert client.get("/docs").status_code == 404  # FastAPI's docs page would load scripts from a CDN


def test_protocol_helpers():
    assert looks_like_update("INSERT DATA { <urn:a> <urn:b> 'x' }")
    assert looks_like_update("prefix ex: <urn:x>\nload <http://example.org/data.ttl>")
    assert not looks_like_update('SELECT ?insert WHERE { ?insert ex:drop "DELETE me" } # CLEAR')
    assert not looks_like_update("SELECT * WHERE { <http://x/insert> ?p ?o }")
    assert choose_format("select", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8") == (
        "application/xml", "xml")
    assert choose_format("graph", "*/*") == ("text/turtle", "turtle")
    with pytest.raises(ProtocolError) as refused:
        choose_format("select", "image/png")
    assert refused.value.status == 406
    form = read_request("POST", "application/x-www-form-urlencoded; charset=UTF-8", "",
                        b"query=ASK%7B%7D&default-graph-uri=urn%3Ag")
    assert (form.query, form.default_graphs) == ("ASK{}", ["urn:g"])


def test_dataset_parameters_are_honoured(client: TestClient, sample_build: Path):
    store = open_store(sample_build / "store")
    schema = f"{ID}graph/schema"
    in_schema = len(list(store.query(f"SELECT * WHERE {{ GRAPH <{schema}> {{ ?s ?p ?o }} }}")))
    store.close()
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    form = {"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON}
    one = client.post("/sparql", content=urllib.parse.urlencode([("query", count), ("default-graph-uri", schema)]),
                      headers=form)
    assert int(bindings(one)[0]["n"]["value"]) == in_schema > 0
    named = client.get("/sparql", params=[("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"),
                                          ("named-graph-uri", schema)], headers={"Accept": JSON})
    assert [b["g"]["value"] for b in bindings(named)] == [schema]
    from_clause = client.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{schema}> WHERE {{ ?s ?p ?o }}"},
                             headers={"Accept": JSON})
    assert int(bindings(from_clause)[0]["n"]["value"]) == in_schema
    bad = client.get("/sparql", params=[("query", count), ("default-graph-uri", "not an iri")])
    assert bad.status_code == 400 and bad.text.count("\n") == 1


def test_json_answer_is_w3c_shaped(client: TestClient):
    document = json.loads(client.get("/sparql", params={"query": "SELECT ?c ?n WHERE { ?c gg:chamberOf ?p . "
                                                                  "OPTIONAL { ?c gg:memberCount ?n } } LIMIT 1"}).text)
    assert set(document) == {"head", "results"} and document["head"]["vars"] == ["c", "n"]


SD = "http://www.w3.org/ns/sparql-service-description#"
CHAMBERS = "CONSTRUCT { ?c gg:chamberOf ?p } WHERE { ?c gg:chamberOf ?p }"


def test_service_description_on_get_without_a_query(client: TestClient, sample_build: Path):
    response = client.get("/sparql")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(response.content, ox.RdfFormat.TURTLE)]
    endpoint = ox.NamedNode(str(client.base_url) + "/sparql")
    assert ox.Triple(endpoint, ox.NamedNode(f"{SD}endpoint"), endpoint) in triples
    assert ox.Triple(endpoint, ox.NamedNode(f"{SD}supportedLanguage"), ox.NamedNode(f"{SD}SPARQL11Query")) in triples
    formats = {t.object.value.rsplit("/", 1)[-1] for t in triples if t.predicate.value == f"{SD}resultFormat"}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_TSV", "JSON-LD", "N-Triples"} <= formats
    names = sorted(t.object.value for t in triples if t.predicate.value == f"{SD}name")
    store = open_store(sample_build / "store")
    assert names == [g.value for g in store.graphs()] and len(names) == 8
    store.close()
    as_jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert len(list(ox.parse(as_jsonld.content, ox.RdfFormat.JSON_LD))) == len(triples)


@pytest.mark.parametrize(("values", "media", "rdf_format"), [
    (["xml"], "application/rdf+xml", ox.RdfFormat.RDF_XML),  # SPARQLWrapper's default for CONSTRUCT
    (["json"], "application/ld+json", ox.RdfFormat.JSON_LD),
    (["json-ld", "application/ld+json"], "application/ld+json", ox.RdfFormat.JSON_LD),
    (["n3"], "text/turtle", ox.RdfFormat.TURTLE),
    (["turtle"], "text/turtle", ox.RdfFormat.TURTLE),
    (["nt"], "application/n-triples", ox.RdfFormat.N_TRIPLES),
    (["rdf+xml", "application/rdf+xml"], "application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_format_values_clients_send_for_graph_answers(client: TestClient, values: list[str], media: str,
                                                      rdf_format: ox.RdfFormat):
    params = [("query", CHAMBERS)] + [(name, v) for name in ("format", "output", "results") for v in values]
    response = client.get("/sparql", params=params, headers={"Accept": "application/rdf+xml"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert len(list(ox.parse(response.content, rdf_format))) == 2


@pytest.mark.parametrize(("values", "media"), [
    (["xml"], "application/sparql-results+xml"), (["json"], "application/sparql-results+json"),
    (["tsv", "text/tab-separated-values"], "text/tab-separated-values"), (["csv"], "text/csv"),
    (["application/sparql-results+json"], "application/sparql-results+json"),
])
def test_format_values_clients_send_for_results(client: TestClient, values: list[str], media: str):
    params = [("query", OFFICES)] + [("format", v) for v in values]
    response = client.get("/sparql", params=params)
    assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == media


def test_graph_answers_in_json_ld_and_n_triples_by_accept(client: TestClient):
    jsonld = client.get("/sparql", params={"query": CHAMBERS}, headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    ntriples = client.get("/sparql", params={"query": CHAMBERS}, headers={"Accept": "application/n-triples"})
    assert set(ox.parse(jsonld.content, ox.RdfFormat.JSON_LD)) == set(ox.parse(ntriples.content, ox.RdfFormat.N_TRIPLES))
    unknown = client.get("/sparql", params={"query": CHAMBERS, "format": "png"})
    assert unknown.status_code == 406 and "CONSTRUCT or DESCRIBE" in unknown.text


def test_head_and_options(client: TestClient):
    head = client.head("/sparql", params={"query": OFFICES}, headers={"Accept": JSON})
    get = client.get("/sparql", params={"query": OFFICES}, headers={"Accept": JSON})
    assert head.status_code == 200 and head.content == b"" and head.headers["content-type"] == JSON
    assert head.headers["x-govgraph-rows"] == get.headers["x-govgraph-rows"]
    described = client.head("/sparql")
    assert described.status_code == 200 and described.headers["content-type"].startswith("text/turtle")
    options = client.options("/sparql")
    assert options.status_code == 204 and set(options.headers["allow"].split(", ")) == {"GET", "POST", "HEAD", "OPTIONS"}
    assert "application/sparql-query" in options.headers["accept-post"]
