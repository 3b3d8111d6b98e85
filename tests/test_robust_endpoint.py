"""The SPARQL endpoint against hostile requests, in-process: what it refuses, with which status; the store never changes."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
import urllib.parse
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import store_checksum

pytest.importorskip("fastapi", reason="the server extra is not installed")
with warnings.catch_warnings():  # starlette's TestClient warns about httpx at import time
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from govgraph.graph.store import open_store
from govgraph.server.app import create_app
from govgraph.server.guards import MAX_BODY_BYTES, escapes
from govgraph.server.pool import QueryPool
from govgraph.server.protocol import MAX_NESTING, MAX_QUERY_CHARS, check_query
from govgraph.server.worker import Request

JSON = "application/sparql-results+json"
OFFICES = "SELECT ?office WHERE { ?office a gg:HeadOfState }"
FORM = "application/x-www-form-urlencoded"



@pytest.fixture(scope="module")
def client(sample_build: Path) -> Iterator[TestClient]:
    app = create_app(sample_build, timeout=3.0, max_rows=50, workers=2)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.fixture(scope="module")
def checksum(sample_build: Path, client: TestClient) -> Iterator[str]:
    """The store's quads before the module's requests; checked again after all of them."""
    before = store_checksum(sample_build)
    yield before
    assert store_checksum(sample_build) == before


def still_answers(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": OFFICES}, headers={"Accept": JSON})
    assert response.status_code == 200 and response.json()["results"]["bindings"]


# --- SPARQL Update in every form, by every transport ------------------------------------------------------------

UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT { ?s a <urn:Hacked> } WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 'x' } WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "LOAD SILENT <http://127.0.0.1:9/data.ttl> INTO GRAPH <urn:g>",
    "CLEAR ALL",
    "CLEAR SILENT DEFAULT",
    "DROP GRAPH <https://w3id.org/govgraph/id/graph/schema>",
    "CREATE GRAPH <urn:new>",
    "ADD <urn:a> TO <urn:b>",
    "MOVE DEFAULT TO <urn:g>",
    "COPY SILENT GRAPH <urn:a> TO DEFAULT",
    "prefix ex: <urn:x#>\n# a comment\ninsert data { ex:a ex:b 'c' }",
    "PREFIX gg: <https://w3id.org/govgraph#> DELETE WHERE { ?x gg:chamberOf ?y }",
]


def by_transport(client: TestClient, transport: str, text: str):
    if transport == "get-update":
        return client.get("/sparql", params={"update": text})
    if transport == "get-query":
        return client.get("/sparql", params={"query": text})
    if transport == "form-update":
        return client.post("/sparql", content=urllib.parse.urlencode({"update": text}), headers={"Content-Type": FORM})
    if transport == "form-query":
        return client.post("/sparql", content=urllib.parse.urlencode({"query": text}), headers={"Content-Type": FORM})
    if transport == "sparql-update":
        return client.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-update"})
    if transport == "sparql-query":
        return client.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-query"})
    if transport == "form-with-update-in-url":
        return client.post(f"/sparql?update={urllib.parse.quote(text)}", content=b"query=ASK%7B%7D",
                           headers={"Content-Type": FORM})
    raise AssertionError(transport)


TRANSPORTS = ["get-update", "get-query", "form-update", "form-query", "sparql-update", "sparql-query",
              "form-with-update-in-url"]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_every_update_by_every_transport_is_refused_with_403(client: TestClient, checksum: str, transport: str):
    for text in UPDATES:
        response = by_transport(client, transport, text)
        assert response.status_code == 403, (transport, text, response.text)
        assert response.text == "this endpoint is read-only: SPARQL updates are refused\n"
    # an update glued to a query is neither: refused as malformed (400) where it comes as a query, never run
    response = by_transport(client, transport, "SELECT * WHERE { ?s ?p ?o } ; DROP ALL")
    assert response.status_code in (400, 403), response.text
    still_answers(client)


# --- SERVICE: never an outgoing request ------------------------------------------------------------------------


@pytest.fixture()
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP server on 127.0.0.1 that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    seen.append(connection.recv(4096) or b"(connected)")
                except OSError:
                    seen.append(b"(connected)")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join(timeout=5)
    server.close()


def test_service_clauses_are_refused_and_nothing_goes_out(client: TestClient, checksum: str, listener):
    port, seen = listener
    target = f"http://127.0.0.1:{port}/sparql"
    for query in (f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                  f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
                  f"select * where {{ ?x ?y ?z . service\n# hidden?\n<{target}> {{ ?s ?p ?o }} }}",
                  f"SELECT * WHERE {{ BIND(<{target}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
                  f"ASK {{ OPTIONAL {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}"):
        for transport in ("get-query", "form-query", "sparql-query"):
            response = by_transport(client, transport, query)
            assert response.status_code == 400, (query, response.text)
            assert response.text.startswith("SERVICE is refused")
    assert seen == []
    still_answers(client)


ISOLATED_SERVICE = """
import socket, sys
import pyoxigraph as ox
from govgraph.server.worker import isolate_from_network
if not isolate_from_network():
    print("not isolated"); sys.exit(0)
try:
    list(ox.Store().query("SELECT * WHERE { SERVICE <http://127.0.0.1:%s/sparql> { ?s ?p ?o } }"))
except Exception as exc:
    print("refused", type(exc).__name__)
"""


def test_a_worker_cannot_reach_the_network_even_if_a_service_slipped_through(listener):
    port, seen = listener
    result = subprocess.run([sys.executable, "-c", ISOLATED_SERVICE % port], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    if result.stdout.startswith("not isolated"):
        pytest.skip("no network namespaces here (needs CAP_SYS_ADMIN or unprivileged user namespaces)")
    assert result.stdout.startswith("refused") and seen == []


# --- huge, deep and runaway queries --------------------------------------------------------------------------


def test_huge_query_texts_and_bodies_are_refused_with_413(client: TestClient, checksum: str):
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_QUERY_CHARS
    for transport in ("form-query", "sparql-query"):  # a GET this long: tests/test_robust_server.py (the HTTP layer)
        response = by_transport(client, transport, huge)
        assert response.status_code == 413, transport
        assert "at most 262,144" in response.text
    body = b"query=" + b"A" * (MAX_BODY_BYTES + 1)
    declared = client.post("/sparql", content=body, headers={"Content-Type": FORM})
    assert declared.status_code == 413 and "larger than 1024 KiB" in declared.text

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies as the body arrives
        yield b"query="
        for _ in range(40):
            yield b"B" * 65536

    streamed = client.post("/sparql", content=chunks(), headers={"Content-Type": FORM})
    assert streamed.status_code == 413
    assert client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query",
                                                               "Content-Length": "12x"}).status_code == 400
    still_answers(client)


def test_deeply_nested_queries_are_refused_before_they_reach_the_engine(client: TestClient, checksum: str):
    for query in ("SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000,
                  "SELECT * WHERE { FILTER(" + "(" * 100_000 + "1" + ")" * 100_000 + ") }",
                  "SELECT * WHERE { BIND(" + "CONCAT(" * 1000 + "'a'" + ")" * 1000 + " AS ?x) }",
                  "SELECT * WHERE { ?s <urn:p> " + "[ <urn:p> " * 3000 + "?o" + " ]" * 3000 + " }"):
        response = by_transport(client, "sparql-query", query)
        assert response.status_code == 400, response.text
        assert f"at most {MAX_NESTING}" in response.text
    allowed = "SELECT * WHERE " + "{" * MAX_NESTING + " ?s a gg:HeadOfState " + "}" * MAX_NESTING
    assert client.get("/sparql", params={"query": allowed}).status_code == 200
    still_answers(client)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { FILTER(" + "!" * 30_000 + "true) }",                     # 30 kB: crashed an 8 MB stack
    "SELECT * WHERE { BIND(" + "+".join(["1"] * 10_000) + " AS ?x) }",
    "SELECT * WHERE { FILTER(" + "&&".join(["true"] * 20_000) + ") }",
], ids=["not-chain", "plus-chain", "and-chain"])
def test_long_operator_chains_are_answered_not_a_crashed_worker(client: TestClient, checksum: str, query: str):
    """Without brackets these nest just as deep; the engine runs on a 512 MB stack, so they parse instead of crashing."""
    response = client.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code in (200, 503), response.text  # an answer, or stopped at the timeout
    assert response.status_code == 200 or "timeout" in response.text
    still_answers(client)


def test_cartesian_products_stop_at_the_timeout_and_the_endpoint_goes_on(client: TestClient, checksum: str):
    counted = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
    assert counted.status_code == 503 and "timeout" in counted.text
    sorted_product = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i LIMIT 1"
    response = client.get("/sparql", params={"query": sorted_product})
    assert response.status_code == 503  # the sort fills memory: stopped at the timeout or at the memory limit
    assert "timeout" in response.text or "MB of memory" in response.text
    for _ in range(4):
        still_answers(client)


def test_a_query_that_eats_memory_is_stopped_at_the_limit(sample_build: Path):
    app = create_app(sample_build, timeout=60.0, workers=1, max_memory_mb=400)
    with TestClient(app, base_url="http://127.0.0.1") as limited:
        response = limited.get("/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?a"})
        assert response.status_code == 503, response.text
        assert "more than the 400 MB" in response.text
        still_answers(limited)


def test_protocol_checks_are_linear_on_hostile_text():
    """Unterminated long strings, IRIs and comments by the hundred thousand: one pass, whatever the text."""
    for text in ('"""' * 80_000, "'" * 250_000, "<a" * 120_000, "#\n" * 120_000, '"\\' * 120_000):
        check_query(text)  # no exception: none of these is an update, a SERVICE or deep nesting


def test_escaping_paths_are_recognised():
    for path in ("/static/../app.py", "/static/./app.js", "/static//etc/passwd", "/static/..\\app.py", "/x/\x00",
                 "/graph.html/../store/CURRENT", "/.."):
        assert escapes(path), path
    for path in ("/", "/sparql", "/static/app.js", "/queries/fact-sources", "/static/a..b.js"):
        assert not escapes(path), path


# --- clients that leave -------------------------------------------------------------------------------------


def test_a_client_leaving_mid_query_does_not_lose_a_worker(sample_build: Path):
    async def scenario() -> list[int]:
        pool = QueryPool(str(sample_build / "store"), size=2, timeout=5.0)
        await pool.start()
        try:
            runaway = Request(sparql="SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
            for _ in range(2):  # both workers busy, then both clients go away
                tasks = [asyncio.create_task(pool.run(runaway)) for _ in range(2)]
                await asyncio.sleep(0.5)
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
            quick = Request(sparql="ASK { ?s ?p ?o }")
            replies = [await pool.run(quick) for _ in range(4)]
            return [reply.status for reply in replies]
        finally:
            await pool.close()

    assert asyncio.run(scenario()) == [200, 200, 200, 200]


# --- a bounded fuzz run of the request handling -------------------------------------------------------------

SPARQL_PIECES = st.sampled_from([
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "*", "?s", "?p", "?o", "WHERE", "{", "}", "(", ")", "[", "]", ".", ";",
    "a", "gg:Office", "<urn:x>", "'lit'", '"str"', "FILTER", "OPTIONAL", "UNION", "LIMIT 3", "ORDER BY ?s",
    "COUNT(*)", "GROUP BY ?s", "VALUES ?s { <urn:a> }", "BIND(1 AS ?x)", "PREFIX ex: <urn:ex#>", "ex:a", "#", "\n",
    "GRAPH ?g", "FROM <urn:g>", "SERVICE", "INSERT", "LOAD", "\\u0049NSERT", "@en", "^^xsd:int", "?s ?p ?o .",
])
QUERIES = st.lists(SPARQL_PIECES, max_size=25).map(" ".join) | st.text(max_size=200)
HEADER_TEXT = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=80)
ACCEPT = st.sampled_from([JSON, "application/sparql-results+xml", "text/csv", "text/turtle", "*/*", "image/png",
                          "text/*;q=0.5, */*;q=0.1", "application/json;q=abc", ""]) | HEADER_TEXT
CONTENT_TYPE = st.sampled_from([FORM, "application/sparql-query", "application/sparql-update", "text/plain",
                                "multipart/form-data; boundary=x", f"{FORM}; charset=latin-1", ""]) | HEADER_TEXT
PATHS = st.sampled_from(["/sparql", "/sparql/", "/queries/parliament", "/queries/fact-sources", "/queries/nope",
                         "/api/queries", "/", "/graph.html", "/static/app.js", "/static/nope", "/docs", "/store"])
PARAM_NAMES = st.sampled_from(["query", "update", "format", "output", "default-graph-uri", "named-graph-uri", "entity",
                               "date", "office", "kind", "x"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]), path=PATHS,
       params=st.lists(st.tuples(PARAM_NAMES, QUERIES), max_size=4), accept=ACCEPT, content_type=CONTENT_TYPE,
       body=st.binary(max_size=300) | QUERIES.map(str.encode))
def test_fuzzed_requests_always_get_a_proper_status(client: TestClient, checksum: str, method: str, path: str,
                                                    params: list, accept: str, content_type: str, body: bytes):
    headers = {"Accept": accept, "Content-Type": content_type}
    response = client.request(method, path, params=params, headers=headers, content=body)
    assert 200 <= response.status_code < 600
    assert response.status_code < 500 or response.status_code == 503, (response.status_code, response.text)
    if response.status_code == 503:  # only a query stopped at its timeout, or no worker free within it
        assert "timeout" in response.text or "no query worker was free" in response.text


def test_the_store_itself_refuses_service_so_no_command_can_reach_another_host(sample_build):
    from govgraph.errors import QueryError
    from govgraph.graph.store import check_syntax

    store = open_store(sample_build / "store")
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    for call in (lambda: store.query(query), lambda: check_syntax(query)):
        try:
            call()
        except QueryError as exc:
            assert "SERVICE" in str(exc)
        else:
            raise AssertionError("a SERVICE query was run")
    assert bool(store.query("ASK { FILTER(CONTAINS('SERVICE in a string', 'SERVICE')) }"))  # a string is not a clause
