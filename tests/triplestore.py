"""A real SPARQL 1.1 server for the tests: Oxigraph's server binary from the `oxigraph` PyPI wheel.

It is a separate process reached over HTTP (SPARQL 1.1 Protocol on /query, Graph Store Protocol
on /store), bound to 127.0.0.1 on a free port, with its data in a temporary folder; it is stopped
when the context ends, and by the kernel if the test process dies first.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

START_TIMEOUT = 30.0


def oxigraph_binary() -> str | None:
    """The `oxigraph` executable of this Python environment (the wheel installs it beside python)."""
    search = os.pathsep.join([sysconfig.get_path("scripts"), str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return shutil.which("oxigraph", path=search)


def unavailable(reason: str) -> None:
    """Fail in CI (CI=true), where the server must be there; skip with the reason elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the external-store tests must run; install '.[test]')", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # runs in the child before exec: SIGTERM when the test process goes away
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _answers(query_url: str) -> bool:
    """Whether a SPARQL query endpoint answers ASK {} yet."""
    try:
        with urllib.request.urlopen(f"{query_url}?query=ASK%7B%7D", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def running_server(location: Path, attempts: int = 3) -> Iterator[str]:
    """Start `oxigraph serve` on 127.0.0.1 and yield its base URL (``http://127.0.0.1:PORT``); stop it afterwards."""
    binary = oxigraph_binary()
    if binary is None:
        unavailable("the Oxigraph server is not installed (pip install oxigraph, part of the test extra)")
    log = location.with_suffix(".log")
    for _ in range(attempts):  # another process may take the free port between the probe and the bind
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        with log.open("wb") as sink:
            process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                                       stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while process.poll() is None and time.monotonic() < deadline and not _answers(f"{url}/query"):
                time.sleep(0.05)
            if process.poll() is None and _answers(f"{url}/query"):
                yield url
                return
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    pytest.fail(f"the Oxigraph server did not start on 127.0.0.1: {log.read_text(errors='replace')[-500:]}", pytrace=False)


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""
VIRTUOSO_USER = ("dba", "dba")  # a fresh Virtuoso database's administrator


def virtuoso_binary() -> str | None:
    """Debian's Virtuoso 7 server (`apt-get install virtuoso-opensource`)."""
    return shutil.which("virtuoso-t")


@contextlib.contextmanager
def running_virtuoso(location: Path, attempts: int = 2) -> Iterator[str]:
    """Start Virtuoso on 127.0.0.1 with a fresh database in `location`; yield its SPARQL endpoint URL, then stop it."""
    binary = virtuoso_binary()
    if binary is None:
        unavailable("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)")
    location.mkdir(parents=True, exist_ok=True)
    log = location / "stdout.log"
    for _ in range(attempts):
        sql_port, http_port = free_port(), free_port()
        config = location / "virtuoso.ini"
        config.write_text(VIRTUOSO_INI.format(dir=location, sql_port=sql_port, http_port=http_port))
        url = f"http://127.0.0.1:{http_port}/sparql"
        with log.open("wb") as sink:
            process = subprocess.Popen([binary, "+foreground", "+configfile", str(config)], cwd=location,
                                       stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        try:
            deadline = time.monotonic() + 60
            while process.poll() is None and time.monotonic() < deadline and not _answers(url):
                time.sleep(0.2)
            if process.poll() is None and _answers(url):
                yield url
                return
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    pytest.fail(f"Virtuoso did not start on 127.0.0.1: {log.read_text(errors='replace')[-500:]}", pytrace=False)
