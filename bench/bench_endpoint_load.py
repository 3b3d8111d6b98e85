"""Load test of `govgraph serve`: concurrent clients on 127.0.0.1, a bounded number of requests, latency figures.

Each client sends its requests one after another, cycling through a mix of named queries, SPARQL
SELECT/ASK/CONSTRUCT by GET and POST, and requests the endpoint must refuse (an update: 403, a
SERVICE clause: 400). An error is an exception or a status other than the one expected.

    python bench/bench_endpoint_load.py                       # builds the sample into a temporary folder, serves it
    python bench/bench_endpoint_load.py --out kz-graph --clients 8 --requests 25
    python bench/bench_endpoint_load.py --url http://127.0.0.1:8000 --json
    python bench/bench_endpoint_load.py --mixed --clients 8 --requests 50   # 20% hostile, 5% slow

`--mixed` draws each request (seeded, so runs compare) from good queries (75%), hostile requests
(20%: updates, SERVICE, deep nesting, a 30,000-`!` chain, a foreign Host header) and slow queries
(5%: a cross product that runs until the server's timeout). Throughput counts every request;
latency percentiles and the error count are those of the good queries only.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import random
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


GOOD = [spec for spec in MIX if spec[-1] == 200]
HOSTILE = [
    ("POST", "/sparql", None, b"DROP ALL", "application/sparql-update", None, 403),
    ("GET", "/sparql", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}, None, None,
     JSON, 400),
    ("GET", "/sparql", {"query": "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { {} SERVICE:x { ?s ?p ?o } }"}, None,
     None, JSON, 400),
    ("GET", "/sparql", {"query": "SELECT * WHERE " + "{" * 5000 + "}" * 5000}, None, None, JSON, 400),
    ("POST", "/sparql", None, b"SELECT * WHERE { FILTER(" + b"!" * 30000 + b"true) }", "application/sparql-query",
     JSON, 200),  # answered: queries run on a big stack
    ("GET", "/sparql", {"query": OFFICES}, None, None, JSON, 403, {"Host": "attacker.example"}),
]
SLOW = ("GET", "/sparql", {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"},
        None, None, JSON, 503)



def run_clients(client, clients: int) -> float:
    """Run `client(n)` for n in range(clients) in threads, all at once; the wall seconds until the last is done."""
    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started

def mixed_plan(clients: int, per_client: int, seed: int = 14, slow: float = 0.05,
               hostile: float = 0.20) -> list[list[tuple[str, tuple]]]:
    """Each client's requests as (kind, spec): by default 75% good, 20% hostile, 5% slow, in a seeded order."""
    rng = random.Random(seed)
    plan = []
    for _ in range(clients):
        requests = []
        for _ in range(per_client):
            draw = rng.random()
            if draw < slow:
                requests.append(("slow", SLOW))
            elif draw < slow + hostile:
                requests.append(("hostile", rng.choice(HOSTILE)))
            else:
                requests.append(("good", rng.choice(GOOD)))
        plan.append(requests)
    return plan


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)] if ordered else 0.0


def one_request(base: str, spec: tuple, timeout: float) -> tuple[int | str, float]:
    method, path, params, body, content_type, accept = spec[:6]
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    request = urllib.request.Request(url, data=body, method=method, headers=spec[7] if len(spec) > 7 else {})
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
                if status != spec[6]:
                    errors.append(f"{spec[0]} {spec[1]}: {status} (expected {spec[6]})")

    wall = run_clients(client, clients)
    return {
        "requests": len(latencies), "clients": clients, "per_client": per_client, "errors": len(errors),
        "error_examples": errors[:5], "statuses": dict(sorted(statuses.items())), "seconds": round(wall, 2),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1), "p90_ms": round(percentile(latencies, 0.90) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1), "max_ms": round(max(latencies) * 1000, 1),
    }


def run_mixed(base: str, clients: int = 8, per_client: int = 50, timeout: float = 15.0, slow: float = 0.05,
              hostile: float = 0.20) -> dict[str, object]:
    """The mixed load: throughput of all requests; latency and errors of the good queries (a good query's
    error is any status but 200; a hostile or slow request's is a 2xx, an exception or a 500)."""
    plan = mixed_plan(clients, per_client, slow=slow, hostile=hostile)
    good: list[float] = []
    counts: collections.Counter[str] = collections.Counter()
    statuses: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    errors: collections.Counter[str] = collections.Counter()
    examples: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        for kind, spec in plan[number]:
            status, seconds = one_request(base, spec, timeout)
            # good: anything but 200; hostile: another status than the one expected; slow: no answer, or a 2xx
            wrong = status != 200 if kind == "good" else (status != spec[6] if kind == "hostile" else
                                                          not isinstance(status, int) or status < 400)
            with lock:
                counts[kind] += 1
                statuses[kind][str(status)] += 1
                if kind == "good":
                    good.append(seconds)
                if wrong:
                    errors[kind] += 1
                    if len(examples) < 5:
                        examples.append(f"{kind} {spec[0]} {spec[1]}: {status}")

    wall = run_clients(client, clients)
    total = sum(counts.values())
    return {
        "requests": total, "clients": clients, "per_client": per_client, "kinds": dict(counts),
        "seconds": round(wall, 2), "requests_per_s": round(total / wall, 1),
        "good_p50_ms": round(percentile(good, 0.50) * 1000, 1), "good_p99_ms": round(percentile(good, 0.99) * 1000, 1),
        "good_errors": errors["good"], "hostile_errors": errors["hostile"], "slow_errors": errors["slow"],
        "statuses": {k: dict(sorted(v.items())) for k, v in statuses.items()}, "error_examples": examples,
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
    parser.add_argument("--mixed", action="store_true", help="20%% hostile and 5%% slow requests among the good ones")
    parser.add_argument("--slow", type=float, default=0.05, help="share of slow requests with --mixed")
    parser.add_argument("--hostile", type=float, default=0.20, help="share of hostile requests with --mixed")
    args = parser.parse_args()
    process = None
    with tempfile.TemporaryDirectory() as scratch:
        base = args.url
        if base is None:
            process, base = serving(args.out or Path(scratch) / "out", args.timeout)
        try:
            run_load(base, 2, 2, args.timeout + 5)  # warm-up: workers started, pages cached
            if args.mixed:
                figures = run_mixed(base, args.clients, args.requests, args.timeout + 5, args.slow, args.hostile)
            else:
                figures = run_load(base, args.clients, args.requests, args.timeout + 5)
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
    if args.json or args.mixed:
        print(json.dumps(figures))
        return
    print(f"{figures['requests']} requests from {figures['clients']} concurrent clients in {figures['seconds']} s "
          f"({figures['requests_per_s']} requests/s), {figures['errors']} errors")
    print(f"latency p50 {figures['p50_ms']} ms, p90 {figures['p90_ms']} ms, p99 {figures['p99_ms']} ms, "
          f"max {figures['max_ms']} ms; statuses {figures['statuses']}")


if __name__ == "__main__":
    main()
