"""Shared fixtures: one build of the sample corpus per test session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Shared 2-core machines: a first call that loads spaCy can take seconds, so no per-example deadline.
settings.register_profile("govgraph", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("govgraph")


def store_checksum(out: Path) -> str:
    """A digest of every quad in a build's store: equal before and after means the store is unchanged."""
    import hashlib

    from govgraph.graph.store import open_store

    store = open_store(out / "store")
    try:
        return hashlib.sha256("\n".join(sorted(str(q) for q in store.quads())).encode()).hexdigest()
    finally:
        store.close()


def wait_until_serving(url: str, process: subprocess.Popen, log: Path, what: str) -> None:
    """Poll a started govgraph server until it answers, failing with its log if it exits or takes 60 s."""
    import time
    import urllib.request

    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/queries", timeout=2).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{what} did not start: {log.read_text()}", pytrace=False)
            time.sleep(0.2)


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run `python -m govgraph ARGS` and capture its output."""
    return subprocess.run([sys.executable, "-m", "govgraph", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, check=False)


def shared_folder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder shared by the xdist workers of this test run (their base folders' parent), or this session's own."""
    if not hasattr(request.config, "workerinput"):  # no xdist: the parent would be shared with earlier runs
        return tmp_path_factory.mktemp(name)
    folder = tmp_path_factory.getbasetemp().parent / name
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def sample_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output folder of `govgraph build` on the bundled corpus: built once per test run, read by every worker.

    Tests only read it (and copy it to change it); the first worker to get the lock builds it.
    """
    import fcntl

    folder = shared_folder(request, tmp_path_factory, "sample")
    out = folder / "out"
    with (folder / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "built").exists():
            result = run_cli("build", "--out", str(out))
            assert result.returncode == 0, result.stderr
            (folder / "built").touch()
    return out


@pytest.fixture(scope="session")
def sparql_server(tmp_path_factory: pytest.TempPathFactory):
    """Base URL of a real SPARQL 1.1 server (Oxigraph, see tests/triplestore.py) on 127.0.0.1 for the session."""
    from triplestore import running_server

    with running_server(tmp_path_factory.mktemp("triplestore") / "data") as url:
        yield url


@pytest.fixture(scope="session")
def queries_fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder whose store/ holds the schema and the hand-written graph tests/data/queries_fixture.trig."""
    import pyoxigraph as ox

    from govgraph.graph.rdf import schema_quads
    from govgraph.graph.store import write_embedded_store

    out = tmp_path_factory.mktemp("queries-fixture") / "out"
    data = Path(__file__).parent / "data" / "queries_fixture.trig"
    write_embedded_store(schema_quads() + list(ox.parse(path=str(data), format=ox.RdfFormat.TRIG)), out / "store")
    return out


@pytest.fixture(scope="session")
def govgraph_server(sample_build: Path, tmp_path_factory: pytest.TempPathFactory):
    """Base URL of `govgraph serve` on the sample build, bound to 127.0.0.1 on a free port, for the session."""

    from triplestore import _die_with_parent, free_port

    port = free_port()
    log = tmp_path_factory.mktemp("govgraph-serve") / "serve.log"
    with log.open("w") as sink:
        process = subprocess.Popen([sys.executable, "-m", "govgraph", "serve", "--out", str(sample_build),
                                    "--port", str(port), "--timeout", "5", "--max-rows", "2000"],
                                   stdout=sink, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process, log, "govgraph serve")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
