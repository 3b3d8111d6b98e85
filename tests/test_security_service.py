"""SERVICE is refused on the parsed query in every spelling, by the store, the command line and the remote syntax check.

A listening socket stands in for another host: a test fails if anything connects to it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli
from govgraph.graph.store import check_syntax, open_store
from govgraph.sparql_text import RefusedQuery, refuse_service, refuse_update

# {U} is the listener's URL; the first ones are the bypasses of the old regex
SPELLINGS = [
    "{{}} SERVICE:x {{ ?s ?p ?o }}",
    "?s ?p ?o .SERVICE <{U}> {{ ?s ?p ?o }}",
    "{{}} SERVICE <{U}> {{ }}",
    "{{}} service<{U}>{{}}",
    "{{}} SERVICE SILENT <{U}> {{}}",
    "{{}} SERVICE SILENT:x {{}}",
    "{{}} SERVICESILENT:x {{}}",
    "{{}} SERVICE ex: {{}}",
    "BIND(<{U}> AS ?u) SERVICE ?u {{}}",
    "BIND(1 AS ?x)SERVICE<{U}>{{}}",
    "?s ?p trueSERVICE<{U}>{{}}",
    "?s ?p 1SERVICE<{U}>{{}}",
    '?s ?p "a"SERVICE<{U}>{{}}',
    "?s ?p ex:.SERVICE<{U}>{{}}",
    "OPTIONAL {{ }} SERVICE <{U}> {{}}",
    "{{}} SERVICE#comment\n<{U}>{{}}",
    "{{}} \\u0053ERVICE <{U}> {{}}",
    "{{}} \u017fervice <{U}> {{}}",
    "{{ {{ {{ SERVICE <{U}> {{}} }} }} }}",
]


@pytest.fixture()
def listener() -> Iterator[tuple[str, list[int]]]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    hits: list[int] = []

    def accept() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            hits.append(1)
            connection.close()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/", hits
    server.close()


def queries(url: str) -> list[str]:
    return [f"PREFIX : <{url}> PREFIX ex: <{url}> SELECT * WHERE {{ VALUES ?v {{ 1 }} {body.format(U=url)} }}"
            for body in SPELLINGS]


def test_every_spelling_is_refused_by_the_store_and_the_syntax_check(sample_build: Path, listener):
    url, hits = listener
    store = open_store(sample_build / "store")
    try:
        for query in queries(url):
            with pytest.raises(RefusedQuery, match="SERVICE is refused"):
                store.query(query)
            with pytest.raises(RefusedQuery, match="SERVICE is refused"):
                check_syntax(query)  # the remote store's check, run before anything is sent
    finally:
        store.close()
    time.sleep(0.2)
    assert hits == []


def test_the_command_line_refuses_in_one_line_and_sends_nothing(sample_build: Path, listener):
    url, hits = listener
    for query in queries(url)[:3]:
        result = run_cli("query", query, "--out", str(sample_build))
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("govgraph: SERVICE is refused") and result.stderr.count("\n") == 1
    assert hits == []


def test_what_only_looks_like_service_still_runs(sample_build: Path):
    store = open_store(sample_build / "store")
    try:
        assert bool(store.query("ASK { BIND('SERVICE <http://x/> {}' AS ?s) FILTER(CONTAINS(?s, 'SERVICE')) }"))
        assert list(store.query("SELECT ?service WHERE { ?service ?p ?o } LIMIT 1"))
        assert list(store.query("PREFIX ex: <http://ex/service#> SELECT * WHERE { ?s ?p ?o } LIMIT 1"))
    finally:
        store.close()


def test_updates_are_recognised_by_parsing():
    for text in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "prefix ex: <urn:x#>\n# c\ninsert data { ex:a ex:b 'c' }",
                 "LOAD <http://127.0.0.1:9/x>", "\\u0049NSERT DATA { <urn:a> <urn:b> <urn:c> }", "ADD <urn:a> TO <urn:b>"):
        with pytest.raises(RefusedQuery):
            refuse_update(text)
    for text in ("SELECT ?insert WHERE { ?insert <urn:drop> 'DELETE me' } # CLEAR", "SELECT * WHERE { ?address ?p ?o }"):
        refuse_update(text)
        refuse_service(text)
