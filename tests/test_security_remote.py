"""`--store URL` against a hostile server, and `govgraph query` against hostile text: bounded, one line, no secrets."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import run_cli
from govgraph.errors import StoreError
from govgraph.graph.store import WRITE_RATE, SparqlStore, open_store, write_deadline

RESULTS = b'{"head":{"vars":["g"]},"results":{"bindings":[]}}'


def serve_once(handler: Callable[[socket.socket], None]) -> Iterator[str]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)

    def loop() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=handler, args=(connection,), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/query"
    server.close()


def read_request(connection: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


@pytest.fixture()
def trickling() -> Iterator[str]:
    def handler(connection: socket.socket) -> None:
        read_request(connection)
        try:
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n")
            for _ in range(600):  # one byte a second: each read is quick, the whole never ends
                connection.sendall(b" ")
                time.sleep(1)
        except OSError:
            pass

    yield from serve_once(handler)


@pytest.fixture()
def huge() -> Iterator[str]:
    def handler(connection: socket.socket) -> None:
        read_request(connection)
        try:
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n")
            block = b" " * 2**20
            for _ in range(400):
                connection.sendall(block)
        except OSError:
            pass

    yield from serve_once(handler)


@pytest.fixture()
def recording() -> Iterator[tuple[str, list[bytes]]]:
    seen: list[bytes] = []

    def handler(connection: socket.socket) -> None:
        seen.append(read_request(connection))
        connection.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")
        connection.close()

    for url in serve_once(handler):
        yield url, seen


@pytest.fixture()
def garbage() -> Iterator[str]:
    def handler(connection: socket.socket) -> None:
        read_request(connection)
        connection.sendall(b"\x00\x01 not HTTP at all\r\n\r\n")
        connection.close()

    yield from serve_once(handler)


def test_a_trickling_server_is_cut_at_the_deadline(trickling: str):
    store = SparqlStore(trickling, timeout=2.0)
    started = time.monotonic()
    with pytest.raises(StoreError, match="did not finish answering within 2 s"):
        store.graphs()
    assert time.monotonic() - started < 6


def test_a_huge_answer_is_refused_without_reading_it_all(huge: str):
    store = SparqlStore(huge, timeout=60.0, max_bytes=8 * 2**20)
    with pytest.raises(StoreError, match="larger than 8 MB"):
        store.graphs()


def test_credentials_are_sent_as_a_header_and_never_printed(recording):
    url, seen = recording
    secret_url = url.replace("http://", "http://alice:s3cret@")
    store = open_store(secret_url)
    with pytest.raises(StoreError) as error:
        store.graphs()
    assert "s3cret" not in str(error.value) and "s3cret" not in store.name
    assert b"Authorization: Basic YWxpY2U6czNjcmV0" in seen[0]
    result = run_cli("query", "SELECT * WHERE { ?s ?p ?o }", "--store", secret_url)
    assert result.returncode != 0 and "s3cret" not in result.stderr + result.stdout


def test_non_http_bytes_are_one_line(garbage: str, tmp_path: Path):
    result = run_cli("query", "SELECT * WHERE { ?s ?p ?o }", "--store", garbage)
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("query", ["SELECT * WHERE " + "{" * 5000 + "}" * 5000,
                                   "SELECT * WHERE { FILTER(" + "!" * 30000 + "true) }",
                                   "SELECT * WHERE { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }"])
def test_the_command_line_never_crashes_on_deep_queries(sample_build: Path, query: str):
    result = run_cli("query", query, "--out", str(sample_build))
    assert result.returncode in (0, 2), (result.returncode, result.stderr[-300:])  # never 139, a crash
    if result.returncode:
        assert result.stderr.startswith("govgraph: ") and result.stderr.count("\n") == 1


@pytest.fixture()
def bad_iri() -> Iterator[str]:
    body = (b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"not an iri <>"}}]}}')

    def handler(connection: socket.socket) -> None:
        read_request(connection)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: "
                           + str(len(body)).encode() + b"\r\n\r\n" + body)
        connection.close()

    yield from serve_once(handler)


def test_an_invalid_iri_from_the_server_is_one_line(bad_iri: str):
    result = run_cli("query", "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", bad_iri)
    assert result.returncode != 0 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr


def test_a_large_write_gets_a_deadline_in_proportion_to_its_body():
    """A graph of gigabytes (a 10,000-article union graph) is not cut at the request deadline meant for queries."""
    assert write_deadline(10_000, 60.0) == 60.0
    assert write_deadline(3 * 2**30, 60.0) == 3 * 2**30 / WRITE_RATE > 60.0
