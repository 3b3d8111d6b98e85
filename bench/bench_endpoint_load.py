"""Load test of `govgraph serve`: concurrent clients on 127.0.0.1, a bounded number of requests, latency figures.

Each client sends its requests one after another, cycling through a mix of named queries, SPARQL
SELECT/ASK/CONSTRUCT by GET and POST, and requests the endpoint must refuse (an update: 403, a
SERVICE clause: 400). An error is an exception or a status other than the one expected.

    python bench/bench_endpoint_load.py                       # builds the sample into a temporary folder, serves it
    python bench/bench_endpoint_load.py --out kz-graph --clients 8 --requests 25
    python bench/bench_endpoint_load.py --url http://127.0.0.1:8000 --json
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

JSON = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"
OFFICES = "SELECT ?office WHERE { ?office a gg:HeadOfState }"
CHAMBERS = "SELECT ?c ?p WHERE { ?c gg:chamberOf ?p } ORDER BY ?c"
# (method, path, query parameters, body, content type, accept, expected status)
MIX = [
    ("GET", "/sparql", {"query": OFFICES}, None, None, JSON, 200),
    ("POST", "/sparql", None, urllib.parse.urlencode({"query": CHAMBERS}).encode(), FORM, JSON, 200),
    ("GET", "/queries/parliament", None, None, None, JSON, 200),
    ("POST", "/sparql", None, b"ASK { ?s a gg:Chamber }", "application/sparql-query", JSON, 200),
    ("GET", "/queries/branches", {"format": "csv"}, None, None, None, 200),
    ("GET", "/sparql", {"query": "CONSTRUCT { ?c gg:chamberOf ?p } WHERE { ?c gg:chamberOf ?p }"}, None, None,
     "text/turtle", 200),
    ("POST", "/sparql", None, b"DROP ALL", "application/sparql-update", None, 403),
    ("GET", "/queries/fact-sources", {"entity": "Mazhilis"}, None, None, JSON, 200),
    ("GET", "/sparql", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}, None, None,
     JSON, 400),
    ("GET", "/api/queries", None, None, None, None, 200),
]


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)] if ordered else 0.0


def one_request(base: str, spec: tuple, timeout: float) -> tuple[int | str, float]:
    method, path, params, body, content_type, accept, _ = spec
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    request = urllib.request.Request(url, data=body, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    if accept:
        request.add_header("Accept", accept)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status: int | str = response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    except OSError as exc:
        status = exc.__class__.__name__
    return status, time.perf_counter() - started


def run_load(base: str, clients: int = 8, per_client: int = 25, timeout: float = 15.0) -> dict[str, object]:
    """Run the load and return its figures (requests, errors, statuses, latency percentiles in ms)."""
    latencies: list[float] = []
    statuses: collections.Counter[str] = collections.Counter()
    errors: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        for i in range(per_client):
            spec = MIX[(number + i) % len(MIX)]
            status, seconds = one_request(base, spec, timeout)
            with lock:
                latencies.append(seconds)
                statuses[str(status)] += 1
                if status != spec[-1]:
                    errors.append(f"{spec[0]} {spec[1]}: {status} (expected {spec[-1]})")

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies), "clients": clients, "per_client": per_client, "errors": len(errors),
        "error_examples": errors[:5], "statuses": dict(sorted(statuses.items())), "seconds": round(wall, 2),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1), "p90_ms": round(percentile(latencies, 0.90) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1), "max_ms": round(max(latencies) * 1000, 1),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serving(out: Path, timeout: float) -> tuple[subprocess.Popen, str]:
    """Start `govgraph serve` on out (building the sample there first if it has no store)."""
    if not (out / "store").is_dir():
        subprocess.run([sys.executable, "-m", "govgraph", "build", "--out", str(out)], check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "govgraph", "serve", "--out", str(out), "--port", str(port),
                                "--timeout", str(timeout)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/queries", timeout=2).close()
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("govgraph serve did not start within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running endpoint (default: serve --out on a free port)")
    parser.add_argument("--out", type=Path, help="build folder to serve (default: the sample, built in a temporary folder)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=25, help="requests per client")
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's query timeout, in seconds")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    process = None
    with tempfile.TemporaryDirectory() as scratch:
        base = args.url
        if base is None:
            process, base = serving(args.out or Path(scratch) / "out", args.timeout)
        try:
            run_load(base, 2, 2, args.timeout + 5)  # warm-up: workers started, pages cached
            figures = run_load(base, args.clients, args.requests, args.timeout + 5)
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{figures['requests']} requests from {figures['clients']} concurrent clients in {figures['seconds']} s "
          f"({figures['requests_per_s']} requests/s), {figures['errors']} errors")
    print(f"latency p50 {figures['p50_ms']} ms, p90 {figures['p90_ms']} ms, p99 {figures['p99_ms']} ms, "
          f"max {figures['max_ms']} ms; statuses {figures['statuses']}")


if __name__ == "__main__":
    main()
