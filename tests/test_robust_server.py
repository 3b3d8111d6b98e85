"""`govgraph serve` as a client meets it over TCP: raw paths, slow clients, huge URLs, and a bounded load test."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import store_checksum, wait_until_serving

pytest.importorskip("uvicorn", reason="the server extra is not installed")

from govgraph.server.protocol import MAX_QUERY_CHARS

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_endpoint_load.py"
HEADER_TIMEOUT = 2.0
SERVE = """
import sys
from pathlib import Path
import govgraph.server.guards as guards
from govgraph.server import serve
guards.BODY_TIMEOUT = %(timeout)s
serve(Path(sys.argv[1]), port=int(sys.argv[2]), timeout=5, workers=2, header_timeout=%(timeout)s, announce=print)
"""



@pytest.fixture(scope="module")
def server(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """`serve` on the sample build with a 2 s deadline for request headers and bodies; the store is checked after."""
    from triplestore import _die_with_parent, free_port

    before = store_checksum(sample_build)
    port = free_port()
    log = tmp_path_factory.mktemp("robust-serve") / "serve.log"
    with log.open("w") as sink:
        process = subprocess.Popen([sys.executable, "-c", SERVE % {"timeout": HEADER_TIMEOUT}, str(sample_build), str(port)],
                                   stdout=sink, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}", process, log, "the server")
        yield "127.0.0.1", port
        assert process.poll() is None, f"the server went down: {log.read_text()}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert store_checksum(sample_build) == before


def raw_get(server: tuple[str, int], target: str) -> tuple[int, bytes]:
    """GET a target exactly as written (no client-side normalisation of `..`)."""
    connection = http.client.HTTPConnection(*server, timeout=30)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_paths_that_try_to_leave_the_static_folder_get_404(server):
    assert raw_get(server, "/static/app.js")[0] == 200
    for target in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/%2E%2E/%2E%2E/pyproject.toml",
                   "/static/..%2fapp.py", "/static/..%2F..%2F__init__.py", "/static//etc/passwd",
                   "/static/%2fetc%2fpasswd", "/static/..%5capp.py", "/static/%00", "/graph.html/../store/CURRENT",
                   "/static/./app.js", "/%2e%2e/%2e%2e/etc/passwd"):
        status, body = raw_get(server, target)
        assert status == 404, target
        assert b"import" not in body and b"root:" not in body and b"MANIFEST" not in body


def test_a_get_url_over_the_limits_is_refused(server):
    long_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_QUERY_CHARS
    status, body = raw_get(server, "/sparql?query=" + urllib.parse.quote(long_query))
    assert status == 413 and b"at most 262,144" in body
    try:  # past what the HTTP layer reads as a request line: refused, and the connection closed while it is sent
        status, _ = raw_get(server, "/sparql?query=" + "x" * (2 * 2**20))
    except (ConnectionResetError, BrokenPipeError):
        status = 400
    assert status in (400, 413, 414, 431)
    assert raw_get(server, "/queries/parliament")[0] == 200


def slow_socket(server: tuple[str, int]) -> socket.socket:
    sock = socket.create_connection(server, timeout=30)
    sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")  # headers never finished
    return sock


def test_slow_clients_are_cut_off_and_never_hold_up_the_others(server):
    slow = [slow_socket(server) for _ in range(20)]
    idle = socket.create_connection(server, timeout=30)  # connects and sends nothing
    started = time.monotonic()
    try:
        for _ in range(10):  # meanwhile the others are answered as usual
            status, body = raw_get(server, "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))
            assert status == 200 and b"true" in body
            for sock in slow:
                sock.sendall(b"X-Trickle: 1\r\n")  # a header line now and then never extends the deadline
        for sock in [*slow, idle]:
            answer = sock.recv(4096)
            assert answer.startswith(b"HTTP/1.1 408"), answer
            assert sock.recv(4096) == b""  # and the connection is closed
        assert time.monotonic() - started < 30
    finally:
        for sock in [*slow, idle]:
            sock.close()


def test_a_body_that_stops_arriving_gets_408(server):
    with socket.create_connection(server, timeout=30) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nSELECT")
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408") and b"stopped arriving" in answer


def test_bounded_load_on_127_0_0_1(server, capsys: pytest.CaptureFixture[str]):
    """8 concurrent clients x 25 requests: no errors, every query answered, refusals as expected; figures printed."""
    base = f"http://{server[0]}:{server[1]}"
    result = subprocess.run([sys.executable, str(BENCH), "--url", base, "--clients", "8", "--requests", "25",
                             "--timeout", "5", "--json"], capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    with capsys.disabled():
        print(f"\nload: {figures['requests']} requests, {figures['clients']} concurrent clients, {figures['errors']} errors, "
              f"p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, {figures['requests_per_s']} requests/s")
    assert figures["requests"] == 200
    assert figures["errors"] == 0, figures["error_examples"]
    assert set(figures["statuses"]) == {"200", "400", "403"}
    status, _ = raw_get(server, "/queries/parliament")
    assert status == 200  # still up
