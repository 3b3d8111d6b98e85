"""Large graphs go to a real Oxigraph server in bounded chunks: a PUT, then a POST per further chunk.

A recording proxy stands between the store and the server, so the tests see each request the server gets
and can make one of them fail.
"""

from __future__ import annotations

import mmap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.errors import StoreError
from govgraph.graph.store import CHUNK_BYTES, SparqlStore, chunk_spans

GRAPH = ox.NamedNode("https://w3id.org/govgraph/id/graph/chunked")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
CHUNK = 4096  # bytes per request in these tests: ~40 triples


def triples(count: int, tag: str = "") -> list[ox.Triple]:
    """`count` distinct triples, and two sharing a blank node (the same node only within one request)."""
    made = [ox.Triple(ox.NamedNode(f"https://w3id.org/govgraph/id/thing/{i}"), LABEL, ox.Literal(f"thing {tag}{i}"))
            for i in range(count)]
    blank = ox.BlankNode()
    return [*made[: count // 2], ox.Triple(made[0].subject, LABEL, blank), ox.Triple(blank, LABEL, ox.Literal(tag)),
            *made[count // 2 :]]


class Proxy:
    """Forwards every request to the server, recording (method, body size); fails the request numbered `fail_at`;
    answers a PUT only after `put_delay` seconds (a server dropping a large graph it replaces)."""

    def __init__(self, target: str) -> None:
        self.seen: list[tuple[str, int]] = []
        self.fail_at: int | None = None
        self.put_delay = 0.0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                proxy.seen.append((self.command, len(body)))
                if self.command == "PUT":
                    time.sleep(proxy.put_delay)
                if proxy.fail_at == len(proxy.seen):
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                request = urllib.request.Request(target + self.path, data=body or None, method=self.command,
                                                 headers=headers)
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        status, media, answer = response.status, response.headers.get("Content-Type"), response.read()
                except urllib.error.HTTPError as exc:
                    status, media, answer = exc.code, exc.headers.get("Content-Type"), exc.read()
                self.send_response(status)
                if media:
                    self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = forward

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def writes(self) -> list[tuple[str, int]]:
        return [(method, size) for method, size in self.seen if method in ("PUT", "POST")]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from triplestore import running_server

    with running_server(tmp_path_factory.mktemp("chunks") / "data") as url:
        yield url


@pytest.fixture()
def proxy(server: str) -> Iterator[Proxy]:
    proxied = Proxy(server)
    yield proxied
    proxied.server.shutdown()
    proxied.server.server_close()


def store_via(proxy: Proxy, chunk_bytes: int = CHUNK) -> SparqlStore:
    return SparqlStore(f"{proxy.url}/query", f"{proxy.url}/store", read_only=False, chunk_bytes=chunk_bytes)


def on_server(server: str) -> list[ox.Triple]:
    with urllib.request.urlopen(f"{server}/store?graph={GRAPH.value}", timeout=60) as response:
        return list(ox.parse(response.read(), ox.RdfFormat.N_TRIPLES))


def canonical(graph: list[ox.Triple]) -> list[str]:
    """The triples as text, each blank node named by the triples it is in (one blank node per test graph)."""
    return sorted(str(t).replace(str(t.subject) if isinstance(t.subject, ox.BlankNode) else "\0", "_:b")
                  .replace(str(t.object) if isinstance(t.object, ox.BlankNode) else "\0", "_:b") for t in graph)


def test_a_large_graph_arrives_whole_in_chunks(proxy: Proxy, server: str) -> None:
    sent = triples(1000)
    store_via(proxy).put_graph(GRAPH, sent)
    writes = proxy.writes()
    assert len(writes) > 10 and writes[0][0] == "PUT" and {m for m, _ in writes[1:]} == {"POST"}
    assert max(size for _, size in writes) <= CHUNK
    received = on_server(server)
    assert len(received) == len(sent) and canonical(received) == canonical(sent)
    blank = [t for t in received if isinstance(t.object, ox.BlankNode)]
    assert len(blank) == 1 and any(t.subject == blank[0].object for t in received)  # still one node


def test_a_second_write_replaces_the_graph(proxy: Proxy, server: str) -> None:
    store = store_via(proxy)
    store.put_graph(GRAPH, triples(1000, "old "))
    newer = triples(300, "new ")
    store.put_graph(GRAPH, newer)
    assert canonical(on_server(server)) == canonical(newer)


def test_the_first_chunk_has_the_deadline_of_the_graph_it_replaces(proxy: Proxy, server: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("govgraph.graph.store.WRITE_RATE", 20_000)  # 80 kB of graph: 4 s; one 4 kB chunk: 0.2 s
    proxy.put_delay = 1.5
    sent = triples(1000)
    SparqlStore(f"{proxy.url}/query", f"{proxy.url}/store", read_only=False, chunk_bytes=CHUNK, timeout=0.5).put_graph(
        GRAPH, sent)
    assert canonical(on_server(server)) == canonical(sent)


def test_a_small_graph_is_one_put(proxy: Proxy, server: str) -> None:
    sent = triples(1000)
    store_via(proxy, CHUNK_BYTES).put_graph(GRAPH, sent)
    assert [m for m, _ in proxy.writes()] == ["PUT"]
    assert canonical(on_server(server)) == canonical(sent)


def test_a_failing_chunk_says_the_graph_is_partial(proxy: Proxy, server: str) -> None:
    proxy.fail_at = 3
    with pytest.raises(StoreError) as caught:
        store_via(proxy).put_graph(GRAPH, triples(1000))
    message = str(caught.value)
    assert "\n" not in message and "HTTP 503" in message
    assert f"graph {GRAPH.value} on the server is partial (chunks 1-2 of" in message and "--store again" in message
    assert 0 < len(on_server(server)) < 1000
    proxy.seen.clear()
    proxy.fail_at = 1  # the first request replaces nothing when it fails: no word of a partial graph
    with pytest.raises(StoreError) as first:
        store_via(proxy).put_graph(GRAPH, triples(10))
    assert "partial" not in str(first.value)


@pytest.mark.parametrize("first", [0, 30, 5000])
def test_chunks_are_whole_lines_within_the_limit(tmp_path: Path, first: int) -> None:
    lines = b"".join(b"x" * (n % 70) + b"\n" for n in range(2000)) + b"y" * 9000 + b"\n" + b"z\n"
    path = tmp_path / "body"
    path.write_bytes(lines)
    cut_at = lines.index(b"\n", first) + 1 if first else 0
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as body:
        spans = chunk_spans(body, len(lines), 1000, cut_at)
    assert spans[0][0] == 0 and spans[-1][1] == len(lines)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert all(lines[end - 1 : end] == b"\n" for _, end in spans)
    assert spans[0][1] >= cut_at
    long_line = lines.index(b"y")
    assert all(end - start <= 1000 for start, end in spans[1:] if not start <= long_line < end)
