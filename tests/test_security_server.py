"""The endpoint under hostile load: Host allow-list, page headers, fair queueing, idle connections, new builds."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from conftest import wait_until_serving
from govgraph.files import replace_dir
from govgraph.graph.store import write_embedded_store
from govgraph.namespaces import ID
from govgraph.server.app import create_app
from govgraph.server.pool import QueryPool
from govgraph.server.worker import Request

JSON = "application/sparql-results+json"
COUNT = Request(sparql="SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", accept=JSON)
SLOW = Request(sparql="SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", accept=JSON)


def graph(size: int, name: str = "g") -> list[ox.Quad]:
    g = ox.NamedNode(f"{ID}graph/{name}")  # a govgraph graph: the stores answer over these only
    return [ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i)), g) for i in range(size)]


def count(reply) -> int:
    assert reply.status == 200, reply.body
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def client(sample_build: Path):
    with TestClient(create_app(sample_build, workers=1, timeout=5), base_url="http://127.0.0.1") as test_client:
        yield test_client


def test_foreign_host_names_are_refused(client: TestClient):
    ask = {"query": "ASK { ?s ?p ?o }"}
    assert client.get("/sparql", params=ask, headers={"Host": "attacker.example"}).status_code == 403
    assert client.get("/", headers={"Host": "rebind.attacker.example:8000"}).status_code == 403
    for host in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST.", "[::1]:8000", "192.168.1.5"):
        assert client.get("/sparql", params=ask, headers={"Host": host}).status_code == 200, host


def test_pages_carry_csp_frame_and_nosniff_headers(client: TestClient):
    for path in ("/", "/static/app.js", "/graph.html", "/sparql?query=ASK%7B%7D"):
        response = client.get(path)
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"], path
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]


def run(coroutine):
    return asyncio.run(coroutine)


def test_a_queued_query_gets_its_whole_timeout(tmp_path: Path):
    """The old clock started on arrival: a good query queued behind a slow one was killed as too slow."""
    write_embedded_store(graph(300), tmp_path / "store")

    async def scenario():
        pool = QueryPool(str(tmp_path / "store"), size=1, timeout=2.0, watch_seconds=None)
        await pool.start()
        try:
            slow = asyncio.create_task(pool.run(SLOW, "a"))
            await asyncio.sleep(0.3)
            good = await pool.run(COUNT, "b")
            return (await slow), good
        finally:
            await pool.close()

    slow, good = run(scenario())
    assert slow.status == 503
    assert count(good) == 300


def test_slow_queries_never_hold_every_worker_and_limits_apply(tmp_path: Path):
    write_embedded_store(graph(300), tmp_path / "store")

    async def scenario():
        pool = QueryPool(str(tmp_path / "store"), size=2, timeout=8.0, fast_seconds=0.5, long_slots=1, per_client=2,
                         watch_seconds=None)
        await pool.start()
        try:
            started = time.monotonic()
            slow = [asyncio.create_task(pool.run(SLOW, f"slow{i}")) for i in range(2)]
            await asyncio.sleep(1.5)  # both are long by now: one was stopped to keep a worker for the rest
            good = [await pool.run(COUNT, "good") for _ in range(3)]
            good_seconds = time.monotonic() - started
            same_client = await asyncio.gather(*(pool.run(SLOW, "greedy") for _ in range(3)))
            return await asyncio.gather(*slow), good, good_seconds, same_client
        finally:
            await pool.close()

    slow, good, good_seconds, same_client = run(scenario())
    assert sorted(r.status for r in slow) == [503, 503]
    assert any(b"long queries were running" in r.body for r in slow)
    assert [count(r) for r in good] == [300, 300, 300]
    assert good_seconds < 8.0  # answered while the other slow query still ran, not after its timeout
    assert 429 in [r.status for r in same_client]


def test_the_queue_is_bounded(tmp_path: Path):
    write_embedded_store(graph(300), tmp_path / "store")

    async def scenario():
        pool = QueryPool(str(tmp_path / "store"), size=1, timeout=3.0, max_queue=1, watch_seconds=None)
        await pool.start()
        try:
            first = asyncio.create_task(pool.run(SLOW, "a"))
            await asyncio.sleep(0.3)
            waiting = asyncio.create_task(pool.run(COUNT, "b"))
            await asyncio.sleep(0.3)
            refused = await pool.run(COUNT, "c")
            return refused, await waiting, await first
        finally:
            await pool.close()

    refused, waiting, _ = run(scenario())
    assert refused.status == 503 and b"already waiting" in refused.body
    assert count(waiting) == 300


def test_a_rebuild_under_load_is_picked_up_and_every_answer_comes_from_one_build(tmp_path: Path):
    store = tmp_path / "out" / "store"
    write_embedded_store(graph(100), store)

    async def scenario():
        pool = QueryPool(str(store), size=2, timeout=10.0, watch_seconds=0.3)
        await pool.start()
        answers: list[int] = []
        try:
            async def load() -> None:
                deadline = time.monotonic() + 90
                while time.monotonic() < deadline and answers[-50:].count(250) < 50:
                    answers.append(count(await pool.run(COUNT, "c")))
                    await asyncio.sleep(0.01)

            async def rebuild() -> None:
                await asyncio.sleep(0.5)
                new = tmp_path / "out" / "new-store"
                write_embedded_store(graph(250, "h"), new)
                replace_dir(new, store, tmp_path / "out" / "old-store")  # as a build commits: one exchange

            await asyncio.wait_for(asyncio.gather(load(), load(), rebuild()), timeout=120)
            return answers, pool.builds
        finally:
            await pool.close()

    answers, builds = run(scenario())
    assert set(answers) == {100, 250} and builds == 2
    first_new = answers.index(250)
    assert all(a == 250 for a in answers[first_new + 2 :]), answers  # two loads in flight at the switch at most


def test_hundreds_of_idle_connections_do_not_lock_anyone_out(sample_build: Path, tmp_path: Path):
    from triplestore import _die_with_parent, free_port

    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        process = subprocess.Popen([sys.executable, "-m", "govgraph", "serve", "--out", str(sample_build), "--port",
                                    str(port), "--workers", "1"], stdout=sink, stderr=subprocess.STDOUT,
                                   preexec_fn=_die_with_parent)
    url = f"http://127.0.0.1:{port}"
    idle: list[socket.socket] = []
    try:
        wait_until_serving(url, process, log, "govgraph serve")
        for _ in range(200):
            idle.append(socket.create_connection(("127.0.0.1", port)))
        started = time.monotonic()
        with urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=8) as response:
            assert response.status == 200
        assert time.monotonic() - started < 5
    finally:
        for sock in idle:
            sock.close()
        process.terminate()
        process.wait(timeout=10)
